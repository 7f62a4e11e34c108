package reports

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/leian/leian/load"
	"github.com/leian/leian/queries"
	"github.com/leian/leian/store"
)

func TestPackScopes(t *testing.T) {
	dept, dist := Scope{"department", "住建委"}, Scope{"district", "江北区"}
	cat1, cat2 := Scope{"category", "城乡建设"}, Scope{"category", "教育文体"}
	for _, tc := range []struct {
		name  string
		found []Scope
		want  []Scope
	}{
		{"no department, no district: categories", []Scope{cat1, cat2}, []Scope{City, cat1, cat2}},
		{"all present: departments and districts", []Scope{cat1, dept, dist}, []Scope{City, dept, dist}},
		{"department only", []Scope{cat1, dept}, []Scope{City, dept}},
		{"district only", []Scope{dist, cat2}, []Scope{City, dist}},
		{"nothing at all: the city", nil, []Scope{City}},
	} {
		if got := packScopes(tc.found); !cmp.Equal(got, tc.want) {
			t.Errorf("%s: got %v; want %v", tc.name, got, tc.want)
		}
	}
}

// scopeData has one week per shape of data: W10 names categories only,
// W11 departments, districts and categories, W12 nothing but text, W13 no
// ticket at all, W14 one department and a category elsewhere.
const scopeData = `ticket_id,received_at,title,content,category,district,department
A1,2026-03-02 09:00,路灯不亮,"路灯	不亮
已经三天",城乡建设,,
A2,2026-03-03 09:00,学位紧张,小学学位不够,教育文体,,
A3,2026-03-04 09:00,路面破损,路面坑洼,城乡建设,,
B1,2026-03-09 09:00,噪音,夜间施工噪音,环境保护,江北区,住建委
B2,2026-03-10 09:00,占道,占道经营,城乡建设,城西区,城管执法局
C1,2026-03-16 09:00,,只有内容,,,
D1,2026-03-30 09:00,井盖,井盖丢失,城乡建设,,住建委
D2,2026-03-31 09:00,学位,学位不够,教育文体,,
`

// boardData is a message-board export: no department, no district, no
// channel, no dispatch, no call-back; one message without a category.
const boardData = `ticket_id,received_at,title,content,category
M1,2026-03-02 09:00,"	路灯不亮  ","尊敬的领导：
	路灯不亮已经三天。",城乡建设
M2,2026-03-05 09:00,学位紧张,小学学位不够,教育文体
M3,2026-03-20 09:00,无人处理,物业乱收费,
`

// csvDB loads csv into a fresh in-memory database.
func csvDB(t *testing.T, csv string) *store.DB {
	t.Helper()
	ctx := context.Background()
	p := filepath.Join(t.TempDir(), "t.csv")
	if err := os.WriteFile(p, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(ctx, "", store.Options{Migrations: queries.FS})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	l := &load.Loader{DB: db.DB, Queries: queries.FS, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	if r, err := l.LoadFile(ctx, p); err != nil || r.Rejected != 0 {
		t.Fatalf("load: %+v, %v", r.Summary, err)
	}
	return db
}

func TestScopesOfAWeek(t *testing.T) {
	b := builder(csvDB(t, scopeData))
	for _, tc := range []struct {
		week string
		want []Scope
	}{
		{"2026-W10", []Scope{City, {"category", "城乡建设"}, {"category", "教育文体"}}},
		{"2026-W11", []Scope{City, {"department", "住建委"}, {"department", "城管执法局"}, {"district", "城西区"}, {"district", "江北区"}}},
		{"2026-W12", []Scope{City}},
		{"2026-W13", []Scope{City}},
		{"2026-W14", []Scope{City, {"department", "住建委"}}},
	} {
		got, err := b.Scopes(context.Background(), tc.week)
		if err != nil {
			t.Fatal(err)
		}
		if !cmp.Equal(got, tc.want) {
			t.Errorf("%s: got %v; want %v", tc.week, got, tc.want)
		}
	}
}

// TestWeeklyPacksOfEveryShape writes the packs of each week of scopeData as
// the weekly job does, into a directory that does not exist yet.
func TestWeeklyPacksOfEveryShape(t *testing.T) {
	ctx := context.Background()
	b := builder(csvDB(t, scopeData))
	out := filepath.Join(t.TempDir(), "new", "reports")
	for _, tc := range []struct {
		week  string
		files []string // the .md of each pack, in order
		says  string   // a line of the city pack
	}{
		{"2026-W10", []string{"city", "category-城乡建设", "category-教育文体"}, "全市本期受理工单 3 件"},
		{"2026-W12", []string{"city"}, "本数据无回访结果（是否解决、满意度）字段"},
		{"2026-W13", []string{"city"}, "全市本周没有受理工单（上周 1 起事项）"},
	} {
		scopes, err := b.Scopes(ctx, tc.week)
		if err != nil {
			t.Fatal(err)
		}
		reps, err := b.WeeklyPacks(ctx, tc.week, scopes)
		if err != nil {
			t.Fatalf("%s: %v", tc.week, err)
		}
		var got []string
		for _, r := range reps {
			got = append(got, filepath.Base(r.Path))
		}
		if !cmp.Equal(got, tc.files) {
			t.Errorf("%s: packs %v; want %v", tc.week, got, tc.files)
		}
		files, err := RenderAll(reps)
		if err != nil {
			t.Fatal(err)
		}
		if err := Write(out, files); err != nil {
			t.Fatalf("%s: %v", tc.week, err)
		}
		city, err := os.ReadFile(filepath.Join(out, "weekly", tc.week, "city.md"))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(city), tc.says) {
			t.Errorf("%s: the city pack does not say %q:\n%s", tc.week, tc.says, city)
		}
		if strings.Contains(string(city), "全部") {
			t.Errorf("%s: the city pack shows 全部", tc.week)
		}
	}
	idx, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`href="weekly/2026-W13/city.html"`, "全市 每周类案研讨（2026-W10）", "问题大类「教育文体」 每周类案研讨（2026-W10）"} {
		if !bytes.Contains(idx, []byte(want)) {
			t.Errorf("index.html lacks %s", want)
		}
	}
}

func TestPackOfAFieldTheDataLacks(t *testing.T) {
	b := builder(csvDB(t, boardData))
	for _, sc := range []Scope{{"department", "住建委"}, {"district", "江北区"}} {
		_, err := b.WeeklyPacks(context.Background(), "2026-W10", []Scope{sc})
		if !errors.Is(err, ErrNoField) {
			t.Errorf("%v pack from data without that field: got error %v; want ErrNoField", sc, err)
		}
	}
	if _, err := b.WeeklyPacks(context.Background(), "2026-W10", []Scope{{"category", "没有这一类"}}); err != nil {
		t.Errorf("pack of a category without tickets: got %v; want a pack that says so", err)
	}
}

// TestBriefingWithoutDepartments checks the monthly briefing of a
// message-board export: each section whose fields the data lacks says so
// in one line, an empty category shows as 未填, nothing is named 全部.
func TestBriefingWithoutDepartments(t *testing.T) {
	b := builder(csvDB(t, boardData))
	m, err := b.Monthly(context.Background(), "2026-03")
	files := render(t, m, err)
	md, page := string(files["monthly/2026-03/briefing.md"]), string(files["monthly/2026-03/briefing.html"])
	for _, want := range []string{
		"本数据无渠道字段，渠道构成从略。",
		"本数据无区字段，各区受理量分布从略。",
		"本数据无答复时间、办理时限与回访结果字段，三率排名从略。",
		"本数据无承办单位字段，派单指标从略。",
		"本数据无线索编号字段，未诉先办从略。",
	} {
		if strings.Count(md, want) != 1 {
			t.Errorf("briefing.md: %q appears %d times; want once", want, strings.Count(md, want))
		}
	}
	for _, unwanted := range []string{"全部", "一次派准率未达", "各区三率排名", "| --- |\n\n"} {
		if strings.Contains(md, unwanted) || strings.Contains(page, unwanted) {
			t.Errorf("briefing shows %q", unwanted)
		}
	}
	if !strings.Contains(page, "未填") {
		t.Error("briefing.html: the message without a category is not charted as 未填")
	}
}

// TestCategoryPacksMatchOneByOne checks that category packs built in one
// batch are byte for byte those built one scope at a time.
func TestCategoryPacksMatchOneByOne(t *testing.T) {
	ctx := context.Background()
	b := builder(csvDB(t, boardData))
	scopes, err := b.Scopes(ctx, "2026-W10")
	if err != nil {
		t.Fatal(err)
	}
	if len(scopes) != 3 {
		t.Fatalf("scopes of 2026-W10: got %v; want the city and two categories", scopes)
	}
	all, err := b.WeeklyPacks(ctx, "2026-W10", scopes)
	if err != nil {
		t.Fatal(err)
	}
	for i, sc := range scopes {
		one, err := b.Weekly(ctx, "2026-W10", sc)
		want := render(t, one, err)
		for path, data := range render(t, all[i], nil) {
			if !bytes.Equal(data, want[path]) {
				t.Errorf("%s: batched pack differs from the one built alone", path)
			}
		}
	}
}

func TestIndexListsTheCityFirst(t *testing.T) {
	dir := t.TempDir()
	files := []File{
		{"weekly/2019-W47/category-交通运输.html", []byte("<title>交通运输</title>")},
		{"weekly/2019-W47/city.html", []byte("<title>全市</title>")},
		{"weekly/2019-W47/category-城乡建设.html", []byte("<title>城乡建设</title>")},
	}
	if err := Write(dir, files); err != nil {
		t.Fatal(err)
	}
	idx, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	city, a, b := bytes.Index(idx, []byte("全市")), bytes.Index(idx, []byte("交通运输")), bytes.Index(idx, []byte("城乡建设"))
	if city < 0 || !(city < a && a < b) {
		t.Errorf("index.html positions: city %d, 交通运输 %d, 城乡建设 %d; want the city first, then by path", city, a, b)
	}
}

// TestRejectedRowsOfAFileLoadedTwice loads a file with one bad row twice:
// the city pack counts that row once.
func TestRejectedRowsOfAFileLoadedTwice(t *testing.T) {
	ctx := context.Background()
	p := filepath.Join(t.TempDir(), "t.csv")
	if err := os.WriteFile(p, []byte(boardData+"M4,不是时间,标题,内容,城乡建设\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	db, err := store.Open(ctx, "", store.Options{Migrations: queries.FS})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	l := &load.Loader{DB: db.DB, Queries: queries.FS, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	for range 2 {
		if r, err := l.LoadFile(ctx, p); err != nil || r.Rejected != 1 {
			t.Fatalf("load: %+v, %v; want one row rejected", r.Summary, err)
		}
	}
	reps, err := builder(db).WeeklyPacks(ctx, "2026-W10", []Scope{City})
	if err != nil {
		t.Fatal(err)
	}
	files, err := RenderAll(reps)
	if err != nil {
		t.Fatal(err)
	}
	md := 0
	for _, f := range files {
		if strings.HasSuffix(f.Path, ".md") {
			md++
			if !strings.Contains(string(f.Data), "导入时被拒的行共 1 行") {
				t.Errorf("%s does not count the rejected row once:\n%s", f.Path, f.Data)
			}
		}
	}
	if md == 0 {
		t.Error("no Markdown pack rendered")
	}
}
