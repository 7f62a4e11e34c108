package demo

import (
	"bufio"
	"encoding/csv"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/leian/leian/cluster"
	"github.com/leian/leian/gen"
	"github.com/leian/leian/ticket"
)

// historyFile holds the tickets received before the lived weeks.
const historyFile = "history.csv"

// sink is one export file being written.
type sink struct {
	f *os.File
	b *bufio.Writer
	w *csv.Writer
}

// sinks are the export files of a directory, opened on first use.
type sinks struct {
	dir   string
	files map[string]*sink
}

func (ss *sinks) open(name string) (*sink, error) {
	if s := ss.files[name]; s != nil {
		return s, nil
	}
	f, err := os.Create(filepath.Join(ss.dir, name))
	if err != nil {
		return nil, err
	}
	s := &sink{f: f, b: bufio.NewWriter(f)}
	s.w = csv.NewWriter(s.b)
	ss.files[name] = s
	return s, s.w.Write(ticket.Names())
}

// close flushes and closes every file and returns the days of the daily
// files, in order.
func (ss *sinks) close() ([]time.Time, error) {
	var days []time.Time
	for name, s := range ss.files {
		s.w.Flush()
		if err := s.w.Error(); err != nil {
			return nil, err
		}
		if err := s.b.Flush(); err != nil {
			return nil, err
		}
		if err := s.f.Close(); err != nil {
			return nil, err
		}
		if name != historyFile {
			d, err := time.ParseInLocation(time.DateOnly, name[:10], ticket.Zone)
			if err != nil {
				return nil, err
			}
			days = append(days, d)
		}
	}
	sort.Slice(days, func(i, j int) bool { return days[i].Before(days[j]) })
	return days, nil
}

// writeExports writes the tickets received before cutoff to history.csv
// and the later ones to one file per day, as the platform's daily exports;
// it returns the days, in order, and each ticket's planted issue type and
// dispatch.
func writeExports(dir string, rows int, start, cutoff time.Time) ([]time.Time, planted, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, planted{}, err
	}
	p := planted{types: map[string]string{}, dispatch: map[string]cluster.Dispatch{}}
	ss := &sinks{dir: dir, files: map[string]*sink{}}
	cfg := gen.Config{Rows: rows, Seed: Seed, Start: start, Days: Days, Messy: gen.DefaultMessy}
	_, err := gen.Generate(cfg, func(t *gen.Ticket, tr gen.Truth) error {
		p.types[tr.TicketID], p.dispatch[tr.TicketID] = tr.IssueType, cluster.Dispatch{Department: tr.Department, First: tr.FirstDepartment}
		at, err := time.ParseInLocation(ticket.TimeLayout, t[ticket.ColReceivedAt], ticket.Zone)
		if err != nil {
			return err
		}
		name := historyFile
		if !at.Before(cutoff) {
			name = at.Format(time.DateOnly) + ".csv"
		}
		s, err := ss.open(name)
		if err != nil {
			return err
		}
		return s.w.Write(t[:])
	})
	if err != nil {
		return nil, planted{}, err
	}
	days, err := ss.close()
	return days, p, err
}

// planted is the generator's truth the demo scores against: each ticket's
// issue type and dispatch.
type planted struct {
	types    map[string]string
	dispatch map[string]cluster.Dispatch
}
