package cluster

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/leian/leian/cluster/vectors"

	"github.com/leian/leian/cluster/surge"
	"github.com/leian/leian/ticket"

	"github.com/leian/leian/cluster/dup"

	"github.com/leian/leian/cluster/text"

	"github.com/leian/leian/gen"
)

// TestTHUCNewsQuality checks the issue's floor on real text: NMI of at least
// 0.55 with k = 10 on the shared THUCNews titles.
func TestTHUCNewsQuality(t *testing.T) {
	if testing.Short() {
		t.Skip("clusters 20,000 titles")
	}
	texts, labels := thucNews(t)
	cfg := vectors.Defaults()
	cfg.K = 10
	docs, err := text.Tokenize(context.Background(), text.NewTokenizer(loadSeg(t)), text.NewCleaner(), texts, nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, pred, _, err := vectors.Fit(context.Background(), docs, cfg)
	if err != nil {
		t.Fatal(err)
	}
	s := vectors.Compare(labelIDs(labels), pred)
	t.Logf("THUCNews k=10: NMI %.4f ARI %.4f", s.NMI, s.ARI)
	if s.NMI < 0.55 {
		t.Errorf("NMI %.4f; want at least 0.55", s.NMI)
	}
}

// TestFitIsTheSameOnAnyNumberOfCPUs fits the 1,000 long articles of
// cnews1k (word vectors, LSA, concentration, k from the data, lexical
// refinement) and the 20,000 THUCNews titles (sums in many blocks,
// k-means restarts on a sample, k = 10) on 1, 2 and 3 CPUs: the word
// vectors and centroids must be the same to the bit, and so every
// document's cluster, so the figures measured here hold on any machine.
func TestFitIsTheSameOnAnyNumberOfCPUs(t *testing.T) {
	if testing.Short() {
		t.Skip("clusters 1,000 articles and 20,000 titles three times each")
	}
	cnews, _ := sharedCSV(t, "../../shared/data/cnews1k.csv")
	titles, _ := thucNews(t)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, set := range []struct {
		name  string
		texts []string
		k     int
	}{{"cnews1k", cnews, 0}, {"thucnews20k", titles, 10}} {
		docs, err := text.Tokenize(context.Background(), text.NewTokenizer(loadSeg(t)), text.NewCleaner(), set.texts, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		cfg := vectors.Defaults()
		cfg.K = set.k
		var first *vectors.Model
		var firstLabels []int
		for _, procs := range []int{1, 2, 3} {
			runtime.GOMAXPROCS(procs)
			m, labels, _, err := vectors.Fit(context.Background(), docs, cfg)
			if err != nil {
				t.Fatal(err)
			}
			if first == nil {
				first, firstLabels = m, labels
				continue
			}
			if !slices.Equal(m.WordVecs, first.WordVecs) || !slices.Equal(m.Centroids.Data, first.Centroids.Data) {
				t.Errorf("%s on %d CPUs: the word vectors or centroids differ from one CPU's", set.name, procs)
			}
			if !slices.Equal(labels, firstLabels) {
				t.Errorf("%s on %d CPUs: some documents are in another cluster than on one", set.name, procs)
			}
		}
	}
}

type genCase struct {
	docs   [][]string
	tk     *Tickets
	types  []string
	events []string
	surges []gen.Surge
	weekOf []string
}

func generated(t testing.TB, rows int, days int) *genCase {
	t.Helper()
	g := &genCase{tk: &Tickets{}}
	var err error
	g.surges, err = gen.Generate(gen.Config{Rows: rows, Seed: 3, Start: time.Date(2026, 1, 5, 0, 0, 0, 0, cst), Days: days},
		func(tk *gen.Ticket, tr gen.Truth) error {
			at, err := time.ParseInLocation(ticket.TimeLayout, tk[ticket.ColReceivedAt], cst)
			if err != nil {
				return err
			}
			lat, _ := strconv.ParseFloat(tk[ticket.ColLat], 64)
			lon, _ := strconv.ParseFloat(tk[ticket.ColLon], 64)
			g.tk.IDs = append(g.tk.IDs, tk[ticket.ColTicketID])
			g.tk.Texts = append(g.tk.Texts, tk[ticket.ColTitle]+" "+tk[ticket.ColContent])
			g.tk.Places = append(g.tk.Places, []string{tk[ticket.ColAddress], tk[ticket.ColCommunity], tk[ticket.ColStreet], tk[ticket.ColDistrict]})
			g.tk.Street = append(g.tk.Street, tk[ticket.ColDistrict]+tk[ticket.ColStreet])
			g.tk.Lat, g.tk.Lon = append(g.tk.Lat, lat), append(g.tk.Lon, lon)
			g.tk.Callers = append(g.tk.Callers, tk[ticket.ColCallerID])
			g.tk.Received = append(g.tk.Received, at)
			g.weekOf = append(g.weekOf, ticket.WeekName(at))
			g.types = append(g.types, tr.IssueType)
			g.events = append(g.events, tr.Event)
			return nil
		})
	if err != nil {
		t.Fatal(err)
	}
	g.docs, err = text.Tokenize(context.Background(), text.NewTokenizer(loadSeg(t)), text.NewCleaner(), g.tk.Texts, g.tk.Places, 0)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// TestGeneratedQuality clusters generated tickets with k chosen from the
// data and checks NMI against the planted issue types, then the surge test
// against the planted surges.
func TestGeneratedQuality(t *testing.T) {
	if testing.Short() {
		t.Skip("clusters 60,000 generated tickets")
	}
	g := generated(t, 60000, 182)
	_, labels, _, err := vectors.Fit(context.Background(), g.docs, vectors.Defaults())
	if err != nil {
		t.Fatal(err)
	}
	s := vectors.Compare(labelIDs(g.types), labels)
	k := 0
	for _, l := range labels {
		k = max(k, l+1)
	}
	t.Logf("generated 60k, automatic k: %d clusters, NMI %.4f ARI %.4f", k, s.NMI, s.ARI)
	if s.NMI < 0.90 {
		t.Errorf("NMI %.4f; want at least 0.90", s.NMI)
	}
	groups, err := dup.Groups(context.Background(), dupDocs(g.tk, vectors.DocsOf(g.docs)))
	if err != nil {
		t.Fatal(err)
	}
	found, falseAlarms := checkSurges(g, labels, groups)
	for _, sg := range g.surges {
		if sg.Kind != "drop" && !found[sg.IssueType+sg.Week] {
			t.Errorf("planted %s surge of %s (%s) in %s not found", sg.Kind, sg.IssueType, sg.Item, sg.Week)
		}
	}
	t.Logf("surge flags not matching a planted surge (false alarms): %d", len(falseAlarms))
	for _, f := range falseAlarms {
		t.Logf("  false alarm: %s", f)
	}
}

// checkSurges runs surge.Detect on the weekly event counts of each cluster and
// matches flags to planted surges: a flag in the planted week or the next on
// a cluster whose majority type is the planted type.
func checkSurges(g *genCase, labels, groups []int) (map[string]bool, []string) {
	majority := map[int]string{}
	votes := map[int]map[string]int{}
	for i, l := range labels {
		if l < 0 {
			continue
		}
		if votes[l] == nil {
			votes[l] = map[string]int{}
		}
		votes[l][g.types[i]]++
	}
	for l, v := range votes {
		best, bn := "", -1
		for ty, n := range v {
			if n > bn || n == bn && ty < best {
				best, bn = ty, n
			}
		}
		majority[l] = best
	}
	events := map[[2]string]map[string]bool{} // (cluster, week) -> events
	for i, l := range labels {
		if l < 0 {
			continue
		}
		ev := g.tk.IDs[i]
		if groups[i] >= 0 {
			ev = "g" + strconv.Itoa(groups[i])
		}
		key := [2]string{strconv.Itoa(l), g.weekOf[i]}
		if events[key] == nil {
			events[key] = map[string]bool{}
		}
		events[key][ev] = true
	}
	var series []surge.Weekly
	for key, evs := range events {
		id, _ := strconv.Atoi(key[0])
		series = append(series, surge.Weekly{ClusterID: int64(id), Week: key[1], Events: int64(len(evs))})
	}
	sort.Slice(series, func(a, b int) bool {
		if series[a].ClusterID != series[b].ClusterID {
			return series[a].ClusterID < series[b].ClusterID
		}
		return series[a].Week < series[b].Week
	})
	planted := map[string]bool{}
	for _, s := range g.surges {
		planted[s.IssueType+s.Week] = true
		planted[s.IssueType+nextISOWeek(s.Week)] = true
	}
	found := map[string]bool{}
	var falseAlarms []string
	for _, f := range surge.Detect(series) {
		ty := majority[int(f.ClusterID)]
		if planted[ty+f.Week] {
			for _, s := range g.surges {
				if s.IssueType == ty && (s.Week == f.Week || nextISOWeek(s.Week) == f.Week) {
					found[s.IssueType+s.Week] = true
				}
			}
			continue
		}
		falseAlarms = append(falseAlarms, fmt.Sprintf("%s cluster %d (%s) %s count %d baseline %.1f", f.Kind, f.ClusterID, ty, f.Week, f.Count, f.Baseline))
	}
	return found, falseAlarms
}

func nextISOWeek(w string) string {
	next, err := ticket.NextWeek(w)
	if err != nil {
		panic("cluster: planted surge week " + w)
	}
	return next
}
