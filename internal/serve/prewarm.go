package serve

import (
	"context"
	"errors"
	"time"

	"github.com/leian/leian/store"
	"github.com/leian/leian/ticket"
)

// prewarmClusters is how many of each scope's top clusters Prewarm
// computes: the first a meeting opens from the overview.
const prewarmClusters = 3

type scopeRow struct {
	Kind  ticket.ScopeKind `col:"kind"`
	Value string           `col:"value"`
}

// Prewarm fills the result cache for the data as it is now: for the city
// and for every department and district the tickets name, the overview,
// the cluster list and the first page of the prewarmClusters top clusters
// of the overview. A meeting then opens them from the cache instead of
// waiting for the database (a minute or so of work on a year of a big
// city's tickets, once per change of the data). It holds the database
// open meanwhile, like a page does. Without a cache it does nothing.
func (s *Server) Prewarm(ctx context.Context) error {
	if s.cache == nil {
		return nil
	}
	s.cache.check()
	d, release, err := s.db.acquire(ctx)
	if err != nil {
		return err
	}
	defer release()
	scopes, err := queryAs[scopeRow](ctx, s.q(d), "serve_scopes")
	if err != nil {
		return err
	}
	roles := []Role{{Kind: ticket.ScopeCity}}
	for _, sc := range scopes {
		roles = append(roles, Role(sc))
	}
	for _, role := range roles {
		if err := s.prewarmRole(ctx, d, role); err != nil {
			return err
		}
	}
	return nil
}

func (s *Server) prewarmRole(ctx context.Context, d *store.DB, role Role) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	var o overviewData
	if err := s.fillOverview(ctx, d, role, &o); err != nil {
		return err
	}
	var l clusterListData
	if err := s.fillClusterList(ctx, d, role, &l); err != nil {
		return err
	}
	for i, c := range o.Top {
		if i == prewarmClusters {
			break
		}
		var cd clusterData
		if err := s.fillCluster(ctx, d, role, c.ID, 1, &cd); err != nil {
			return err
		}
	}
	return nil
}

// Watch prewarms the cache (Prewarm) at once and again whenever the
// database file has changed, looking every interval, until ctx ends. A
// file held by a job is tried again at the next look. Errors are logged.
func (s *Server) Watch(ctx context.Context, interval time.Duration) {
	done := ""
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		if v := fileVersion(s.cfg.DB); v != done {
			t0 := time.Now()
			err := s.Prewarm(ctx)
			switch {
			case err == nil:
				done = v
				s.cfg.Log.Info("prewarmed", "seconds", time.Since(t0).Seconds())
			case errors.Is(err, store.ErrLocked), ctx.Err() != nil:
			default:
				s.cfg.Log.Error("prewarm", "err", err)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
