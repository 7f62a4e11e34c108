package serve

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"
)

// ErrNotLocal reports an address other than the loopback interface for a
// console without users: anyone who could reach it would see everything.
var ErrNotLocal = errors.New("without --users the console listens on 127.0.0.1 (or ::1, localhost) only; add users (leian user add) to serve other addresses")

// CheckAddr checks a listen address (host:port): with users any address
// will do; without, only a loopback host (127.0.0.1, ::1, localhost; an
// empty host means every interface and is refused).
func CheckAddr(addr string, withUsers bool) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("address %q: %w", addr, err)
	}
	if withUsers || host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("address %q: %w", addr, ErrNotLocal)
	}
	return nil
}

// Serve answers h on addr until ctx ends, then shuts down, giving requests
// in flight 10 seconds to finish. It logs the address it listens on.
func Serve(ctx context.Context, addr string, h http.Handler, log *slog.Logger) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second,
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
	log.Info("serving", "url", "http://"+ln.Addr().String()+"/")
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
