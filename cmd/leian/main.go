// Command leian is the similar-case (类案) analytics system for a city's
// 12345 citizen-request platform. Run "leian help" for its commands.
//
// LEIAN_CPUPROFILE=FILE writes a CPU profile of the run to FILE (read it
// with go tool pprof).
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"

	"github.com/leian/leian/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	if path := os.Getenv("LEIAN_CPUPROFILE"); path != "" {
		f, err := os.Create(path)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "leian: LEIAN_CPUPROFILE: %v\n", err)
			os.Exit(1)
		}
		defer f.Close()
	}
	code := cli.Run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	pprof.StopCPUProfile()
	stop()
	os.Exit(code)
}
