package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sort"
	"strings"

	"github.com/leian/leian/store"
)

// env is what a command runs with.
type env struct {
	ctx    context.Context
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	log    *slog.Logger
}

// command is one subcommand.
type command struct {
	name  string
	args  string // usage after the name
	short string
	long  string
	flags func(fs *flag.FlagSet) func(e *env, args []string) error
}

// errUsage means the arguments were wrong; the usage has been printed.
var errUsage = errors.New("usage")

func commands() []*command {
	return []*command{assignCmd, benchCmd, clusterCmd, demoCmd, evalCmd, exportCmd, genCmd, loadCmd, monthlyCmd, nightlyCmd, reportCmd, serveCmd, similarCmd, sqlCmd, suggestCmd, userCmd, weeklyCmd}
}

// Run runs leian with args (without the program name) and returns the exit
// code: 0 success, 1 failure, 2 bad usage, 3 database locked by another run.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr,
		log: slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: logLevel()}))}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		printHelp(stdout)
		return 0
	}
	if args[0] == "help" {
		return help(e, args[1:])
	}
	cmd := find(args[0])
	if cmd == nil {
		fmt.Fprintf(stderr, "leian: unknown command %q; run 'leian help'\n", args[0])
		return 2
	}
	if !store.ArrowBuilt {
		fmt.Fprintf(stderr, "leian: %v\n", store.ErrNoArrow)
		return 1
	}
	fs := flag.NewFlagSet(cmd.name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { usage(stderr, cmd, fs) }
	run := cmd.flags(fs)
	positional, err := parseInterspersed(fs, args[1:])
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if err := run(e, positional); err != nil {
		if errors.Is(err, errUsage) {
			fs.Usage()
			return exitUsage
		}
		fmt.Fprintf(stderr, "leian: %v\n", err)
		if errors.Is(err, store.ErrLocked) {
			return exitLocked
		}
		return exitFailed
	}
	return exitOK
}

// parseInterspersed parses flags that may come before or after positional
// arguments (leian similar ID -n 5); "--" ends flag parsing.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

func logLevel() slog.Level {
	if os.Getenv("LEIAN_DEBUG") != "" {
		return slog.LevelDebug
	}
	return slog.LevelInfo
}

func find(name string) *command {
	for _, c := range commands() {
		if c.name == name {
			return c
		}
	}
	return nil
}

func printHelp(w io.Writer) {
	fmt.Fprintln(w, "leian: similar-case (类案) analytics for a 12345 citizen-request platform\n\nUsage: leian <command> [flags] [args]\n\nCommands:")
	cs := commands()
	sort.Slice(cs, func(i, j int) bool { return cs[i].name < cs[j].name })
	for _, c := range cs {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.short)
	}
	fmt.Fprintln(w, "\nRun 'leian help <command>' for a command's flags.")
}

func help(e *env, args []string) int {
	if len(args) == 0 {
		printHelp(e.stdout)
		return 0
	}
	cmd := find(args[0])
	if cmd == nil {
		fmt.Fprintf(e.stderr, "leian: unknown command %q\n", args[0])
		return 2
	}
	fs := flag.NewFlagSet(cmd.name, flag.ContinueOnError)
	cmd.flags(fs)
	usage(e.stdout, cmd, fs)
	return 0
}

func usage(w io.Writer, cmd *command, fs *flag.FlagSet) {
	fmt.Fprintf(w, "Usage: leian %s %s\n\n%s\n", cmd.name, cmd.args, strings.TrimSpace(cmd.long))
	fs.SetOutput(w)
	fmt.Fprintln(w, "\nFlags:")
	fs.PrintDefaults()
}
