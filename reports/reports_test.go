package reports

import (
	"bytes"
	"context"
	"database/sql"
	"flag"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/leian/leian/cluster/vectors"

	"github.com/leian/leian/cluster/text"

	"github.com/google/go-cmp/cmp"

	"github.com/leian/leian/cluster"
	"github.com/leian/leian/gen"
	"github.com/leian/leian/load"
	"github.com/leian/leian/queries"
	"github.com/leian/leian/store"
)

var update = flag.Bool("update", false, "rewrite golden files")

var cst = time.FixedZone("CST", 8*3600)

var (
	dbOnce sync.Once
	dbErr  error
	testDB *store.DB
)

// fixture is a database of 5,000 generated tickets over 20 weeks, loaded,
// clustered, assigned with dispatch suggestions and surge-checked: what
// the jobs leave behind.
func fixture(t *testing.T) *store.DB {
	t.Helper()
	if testing.Short() {
		t.Skip("builds a clustered database")
	}
	dbOnce.Do(func() { testDB, dbErr = buildFixture() })
	if dbErr != nil {
		t.Fatal(dbErr)
	}
	return testDB
}

func buildFixture() (*store.DB, error) {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "leian-reports")
	if err != nil {
		return nil, err
	}
	csv := filepath.Join(dir, "t.csv")
	if _, err := gen.Write(gen.Config{Rows: 5000, Seed: 4, Start: time.Date(2026, 1, 5, 0, 0, 0, 0, cst), Days: 140}, gen.Output{Path: csv}); err != nil {
		return nil, err
	}
	db, err := store.Open(ctx, filepath.Join(dir, "t.duckdb"), store.Options{Migrations: queries.FS})
	if err != nil {
		return nil, err
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if _, err := (&load.Loader{DB: db.DB, Queries: queries.FS, Log: log}).LoadFile(ctx, csv); err != nil {
		return nil, err
	}
	seg, err := text.LoadGSE()
	if err != nil {
		return nil, err
	}
	eng := &cluster.Engine{DB: db, Tok: text.NewTokenizer(seg), Cl: text.NewCleaner(), Cfg: vectors.Defaults(), Log: log}
	// Clustered to April 6 with a route model built as the weekly job
	// does, then assigned as nightly runs would: the later tickets carry
	// dispatch suggestions (the 派单复核 section) as well as clusters.
	if _, err := eng.Run(ctx, time.Date(2026, 1, 5, 0, 0, 0, 0, cst), time.Date(2026, 4, 6, 0, 0, 0, 0, cst)); err != nil {
		return nil, err
	}
	if _, err := eng.TrainRoute(ctx); err != nil {
		return nil, err
	}
	if _, err := eng.Assign(ctx, time.Date(2026, 5, 25, 0, 0, 0, 0, cst)); err != nil {
		return nil, err
	}
	if _, err := eng.Dedup(ctx, time.Date(2026, 1, 5, 0, 0, 0, 0, cst), time.Date(2026, 5, 25, 0, 0, 0, 0, cst)); err != nil {
		return nil, err
	}
	if _, err := eng.Surges(ctx, queries.FS); err != nil {
		return nil, err
	}
	// Loads record their own time; pin it so golden files do not move.
	_, err = db.Exec(`UPDATE loads SET started_at = TIMESTAMPTZ '2026-05-25 06:00:00+08', finished_at = TIMESTAMPTZ '2026-05-25 06:01:00+08'`)
	return db, err
}

// weekScopes returns the fixture, a builder on it and the scopes of testWeek.
func weekScopes(t *testing.T) (*store.DB, *Builder, []Scope) {
	t.Helper()
	db := fixture(t)
	b := builder(db)
	scopes, err := b.Scopes(context.Background(), testWeek)
	if err != nil {
		t.Fatal(err)
	}
	return db, b, scopes
}

func builder(db *store.DB) *Builder { return &Builder{DB: db.DB, Queries: queries.FS, Zone: cst} }

func render(t *testing.T, r *Report, err error) map[string][]byte {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	files, err := Render(r)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for _, f := range files {
		out[f.Path] = f.Data
	}
	return out
}

const testWeek = "2026-W19"

func TestReportsAreDeterministicAndGolden(t *testing.T) {
	db := fixture(t)
	ctx := context.Background()
	b := builder(db)
	var runs [2]map[string][]byte
	for i := range runs {
		runs[i] = map[string][]byte{}
		w, err := b.Weekly(ctx, testWeek, Scope{Kind: "district", Value: "江北区"})
		for k, v := range render(t, w, err) {
			runs[i][k] = v
		}
		m, err := b.Monthly(ctx, "2026-04")
		for k, v := range render(t, m, err) {
			runs[i][k] = v
		}
	}
	for path, data := range runs[0] {
		if !bytes.Equal(data, runs[1][path]) {
			t.Errorf("%s: two builds from the same data differ", path)
		}
	}
	for _, p := range []string{"weekly/" + testWeek + "/district-江北区.md", "monthly/2026-04/briefing.md"} {
		golden := filepath.Join("testdata", filepath.Base(filepath.Dir(p))+"-"+filepath.Base(p)+".golden")
		if *update {
			if err := os.WriteFile(golden, runs[0][p], 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update)", err)
		}
		if diff := cmp.Diff(string(want), string(runs[0][p])); diff != "" {
			t.Errorf("%s mismatch (-want +got):\n%s", p, diff)
		}
	}
}

var (
	ticketIDRE = regexp.MustCompile(`GD[0-9]{15}`)
	phoneRE    = regexp.MustCompile(`1[3-9][0-9]{9}`)
	idCardRE   = regexp.MustCompile(`[0-9]{17}[0-9X]`)
)

func TestDepartmentPackHoldsOnlyItsTickets(t *testing.T) {
	db, b, scopes := weekScopes(t)
	ctx := context.Background()
	checked := 0
	for _, sc := range scopes {
		if sc.Kind != "department" {
			continue
		}
		r, err := b.Weekly(ctx, testWeek, sc)
		files := render(t, r, err)
		for path, data := range files {
			if filepath.Ext(path) == ".xlsx" {
				continue
			}
			for _, id := range ticketIDRE.FindAllString(string(data), -1) {
				var dept sql.NullString
				db.QueryRow(`SELECT department FROM tickets WHERE ticket_id = ?`, id).Scan(&dept)
				if dept.String != sc.Value {
					t.Errorf("%s shows ticket %s of department %q", path, id, dept.String)
				}
				checked++
			}
			if m := phoneRE.FindString(string(data)); m != "" {
				t.Errorf("%s shows an unmasked phone number %s", path, m)
			}
			if m := idCardRE.FindString(string(data)); m != "" {
				t.Errorf("%s shows an unmasked ID card number %s", path, m)
			}
		}
	}
	if checked == 0 {
		t.Fatal("no ticket ids found in any department pack: the test checked nothing")
	}
}

// TestChromiumRendersChinese prints the monthly briefing to PDF in headless
// Chromium and checks that the Chinese text, charts included, was drawn
// with the Noto CJK font (the PDF embeds the fonts it used). .ci/run
// installs chromium and fonts-noto-cjk; elsewhere the test skips.
func TestChromiumRendersChinese(t *testing.T) {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium not installed (apt-get install chromium fonts-noto-cjk); skipping the rendering check")
	}
	if _, err := os.Stat(CJKFont); err != nil {
		t.Skip("fonts-noto-cjk not installed; skipping the rendering check")
	}
	db := fixture(t)
	m, err := builder(db).Monthly(context.Background(), "2026-04")
	files := render(t, m, err)
	dir := t.TempDir()
	page := filepath.Join(dir, "briefing.html")
	if err := os.WriteFile(page, files["monthly/2026-04/briefing.html"], 0o644); err != nil {
		t.Fatal(err)
	}
	pdf, png := filepath.Join(dir, "briefing.pdf"), filepath.Join(dir, "briefing.png")
	args := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir=" + filepath.Join(dir, "profile")}
	for _, extra := range [][]string{{"--print-to-pdf=" + pdf, "--no-pdf-header-footer"}, {"--screenshot=" + png, "--window-size=1000,2400"}} {
		cmd := exec.Command(chromium, append(append(args, extra...), "file://"+page)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("chromium: %v\n%s", err, out)
		}
	}
	b, err := os.ReadFile(pdf)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte("NotoSansCJK")) {
		t.Error("the PDF embeds no Noto CJK font: Chinese text was not drawn with a Chinese font")
	}
	if st, err := os.Stat(png); err != nil || st.Size() < 50_000 {
		t.Errorf("screenshot %s missing or nearly empty (%v)", png, err)
	}
	if dst := os.Getenv("LEIAN_SCREENSHOT"); dst != "" {
		pngData, _ := os.ReadFile(png)
		os.WriteFile(dst, pngData, 0o644)
	}
}

func TestIndexLinksEveryReport(t *testing.T) {
	dir := t.TempDir()
	files := []File{
		{"weekly/2026-W19/department-甲.html", []byte("<title>甲 周报</title>")},
		{"monthly/2026-04/briefing.html", []byte("<title>月报</title>")},
	}
	if err := Write(dir, files); err != nil {
		t.Fatal(err)
	}
	idx, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`href="weekly/2026-W19/department-%e7%94%b2.html"`, `href="monthly/2026-04/briefing.html"`, "甲 周报", "月报"} {
		if !bytes.Contains(idx, []byte(want)) {
			t.Errorf("index.html lacks %s", want)
		}
	}
}

// TestWeeklyPacksMatchOneByOne checks that the packs built for all scopes at
// once (the batched queries read every scope together) are byte for byte the
// packs built one scope at a time.
func TestWeeklyPacksMatchOneByOne(t *testing.T) {
	_, b, scopes := weekScopes(t)
	ctx := context.Background()
	if len(scopes) < 2 {
		t.Fatalf("%d scopes; the fixture should have several", len(scopes))
	}
	all, err := b.WeeklyPacks(ctx, testWeek, scopes)
	if err != nil {
		t.Fatal(err)
	}
	for i, sc := range scopes {
		one, err := b.Weekly(ctx, testWeek, sc)
		want := render(t, one, err)
		got := render(t, all[i], nil)
		for path, data := range want {
			if !bytes.Equal(got[path], data) {
				t.Errorf("%s: batched pack differs from the one built alone", path)
			}
		}
	}
}
