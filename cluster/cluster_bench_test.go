package cluster

import (
	"context"
	"encoding/csv"
	"os"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/leian/leian/cluster/vectors"

	"github.com/leian/leian/cluster/text"
	"github.com/leian/leian/ticket"

	"github.com/leian/leian/gen"
)

const thucPath = "../../shared/data/thucnews20k.csv"

// thucNews reads the shared THUCNews titles, or skips when they are absent.
func thucNews(tb testing.TB) (texts, labels []string) {
	return sharedCSV(tb, thucPath)
}

// sharedCSV reads the text and label columns of one of the shared id,text,label
// sets, or skips when it is absent.
func sharedCSV(tb testing.TB, path string) (texts, labels []string) {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Skipf("%s not found (shared data is outside the repository): %v", path, err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	for _, r := range recs[1:] {
		texts = append(texts, r[1])
		labels = append(labels, r[2])
	}
	return texts, labels
}

var benchSeg *text.GSE

func loadSeg(tb testing.TB) *text.GSE {
	tb.Helper()
	if benchSeg == nil {
		s, err := text.LoadGSE()
		if err != nil {
			tb.Fatal(err)
		}
		benchSeg = s
	}
	return benchSeg
}

// BenchmarkTHUCNews runs the 20,000 titles through segmentation, features
// and clustering with k = 10 (issue 10's goal: at most 0.5 s; the
// dictionary load is outside the timer) and reports the NMI.
func BenchmarkTHUCNews(b *testing.B) { benchTHUCNews(b, 10) }

// BenchmarkTHUCNewsAutoK is BenchmarkTHUCNews with k from the data.
func BenchmarkTHUCNewsAutoK(b *testing.B) { benchTHUCNews(b, 0) }

func benchTHUCNews(b *testing.B, k int) {
	texts, labels := thucNews(b)
	seg := loadSeg(b)
	tok, cl := text.NewTokenizer(seg), text.NewCleaner()
	cfg := vectors.Defaults()
	cfg.K, cfg.General = k, seg
	truth := labelIDs(labels)
	b.ResetTimer()
	var nmi float64
	for i := 0; i < b.N; i++ {
		docs, err := text.Tokenize(context.Background(), tok, cl, texts, nil, 0)
		if err != nil {
			b.Fatal(err)
		}
		_, pred, _, err := vectors.Fit(context.Background(), docs, cfg)
		if err != nil {
			b.Fatal(err)
		}
		nmi = vectors.Compare(truth, pred).NMI
	}
	b.ReportMetric(nmi, "NMI")
}

func labelIDs(labels []string) []int {
	ids := map[string]int{}
	out := make([]int, len(labels))
	for i, l := range labels {
		if _, ok := ids[l]; !ok {
			ids[l] = len(ids)
		}
		out[i] = ids[l]
	}
	return out
}

// benchRows is LEIAN_BENCH_ROWS, else def.
func benchRows(def int) int {
	if n, err := strconv.Atoi(os.Getenv("LEIAN_BENCH_ROWS")); err == nil && n > 0 {
		return n
	}
	return def
}

// peakRSS returns the process's peak resident set size in GiB.
func peakRSS() float64 {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return float64(ru.Maxrss) / (1 << 20) // Linux reports KiB
}

// BenchmarkCluster1M segments, embeds and clusters (k from the data) one
// million generated tickets (LEIAN_BENCH_ROWS to change). Goal: at most 3
// minutes and 4 GiB peak memory; it reports both and the NMI against the
// planted issue types. Generation is outside the timer.
func BenchmarkCluster1M(b *testing.B) {
	rows := benchRows(1_000_000)
	g := generatedTexts(b, rows, 364)
	seg := loadSeg(b)
	tok, cl := text.NewTokenizer(seg), text.NewCleaner()
	b.ResetTimer()
	var nmi float64
	var k int
	for i := 0; i < b.N; i++ {
		docs, err := text.Tokenize(context.Background(), tok, cl, g.texts, g.places, 0)
		if err != nil {
			b.Fatal(err)
		}
		cfg := vectors.Defaults()
		cfg.General = seg
		m, labels, _, err := vectors.Fit(context.Background(), docs, cfg)
		if err != nil {
			b.Fatal(err)
		}
		k = m.Centroids.Len()
		b.StopTimer()
		nmi = vectors.Compare(labelIDs(g.types), labels).NMI
		b.StartTimer()
	}
	b.ReportMetric(nmi, "NMI")
	b.ReportMetric(float64(k), "clusters")
	b.ReportMetric(peakRSS(), "peak-GiB")
}

// BenchmarkAssign100k fits a model on 200,000 generated tickets, then times
// assigning 100,000 later tickets to its clusters without re-clustering
// (segmentation, embedding and nearest centroid). Goal: at most 30 s.
func BenchmarkAssign100k(b *testing.B) {
	fitRows, newRows := 200_000, benchRows(100_000)
	g := generatedTexts(b, fitRows+newRows, 364)
	seg := loadSeg(b)
	tok, cl := text.NewTokenizer(seg), text.NewCleaner()
	docs, err := text.Tokenize(context.Background(), tok, cl, g.texts[:fitRows], g.places[:fitRows], 0)
	if err != nil {
		b.Fatal(err)
	}
	m, _, _, err := vectors.Fit(context.Background(), docs, vectors.Defaults())
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	var assigned int
	for i := 0; i < b.N; i++ {
		nd, err := text.Tokenize(context.Background(), tok, cl, g.texts[fitRows:], g.places[fitRows:], 0)
		if err != nil {
			b.Fatal(err)
		}
		assigned = 0
		for _, d := range nd {
			if _, s := vectors.Nearest(m.Embed(d), m.Centroids); s >= vectors.AssignFloor {
				assigned++
			}
		}
	}
	b.ReportMetric(float64(assigned)/float64(newRows), "assigned-share")
}

type genTexts struct {
	texts  []string
	places [][]string
	types  []string
}

// generatedTexts generates tickets and keeps only what clustering reads.
func generatedTexts(tb testing.TB, rows, days int) *genTexts {
	g := &genTexts{}
	_, err := gen.Generate(gen.Config{Rows: rows, Seed: 1, Start: time.Date(2025, 11, 24, 0, 0, 0, 0, cst), Days: days},
		func(tk *gen.Ticket, tr gen.Truth) error {
			g.texts = append(g.texts, tk[ticket.ColTitle]+" "+tk[ticket.ColContent])
			g.places = append(g.places, []string{tk[ticket.ColAddress], tk[ticket.ColCommunity], tk[ticket.ColStreet], tk[ticket.ColDistrict]})
			g.types = append(g.types, tr.IssueType)
			return nil
		})
	if err != nil {
		tb.Fatal(err)
	}
	return g
}

// BenchmarkSuggestOne times one dispatch suggestion (segmentation, the
// route model's ranking and the evidence search) once a Suggester has
// loaded the stored model and indexed the 60,000 newest past tickets.
// Goal: at most 20 ms a suggestion (ms/suggestion); loading is reported
// apart (load-s).
func BenchmarkSuggestOne(b *testing.B) {
	rows := benchRows(60_000)
	ctx := context.Background()
	db, eng, _ := plantedDB(b, gen.Config{Rows: rows, Seed: 5, Start: time.Date(2026, 1, 5, 0, 0, 0, 0, cst), Days: 182, Messy: gen.DefaultMessy})
	if _, err := eng.Run(ctx, time.Date(2026, 1, 1, 0, 0, 0, 0, cst), time.Date(2026, 7, 6, 0, 0, 0, 0, cst)); err != nil {
		b.Fatal(err)
	}
	if _, err := eng.TrainRoute(ctx); err != nil {
		b.Fatal(err)
	}
	var texts []string
	rs, err := db.Query(`SELECT title || ' ' || content FROM tickets ORDER BY hash(ticket_id) LIMIT 200`)
	must(b, err)
	for rs.Next() {
		var s string
		must(b, rs.Scan(&s))
		texts = append(texts, s)
	}
	must(b, rs.Err())
	must(b, rs.Close())
	t0 := time.Now()
	sg, err := eng.NewSuggester(ctx, "")
	if err != nil {
		b.Fatal(err)
	}
	load := time.Since(t0).Seconds()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range texts {
			if r := sg.Rank(eng.Tok.Tokens(eng.Cl.Clean(s)), 3); len(r) == 0 {
				b.Fatal("no suggestion")
			}
		}
	}
	b.ReportMetric(b.Elapsed().Seconds()*1000/float64(b.N*len(texts)), "ms/suggestion")
	b.ReportMetric(load, "load-s")
}
