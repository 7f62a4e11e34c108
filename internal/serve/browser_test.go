package serve

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"net/http/httptest"
	"net/url"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// browser starts Debian's chromium headless through chromedp, or skips
// the test when it is not installed (CI installs chromium and
// fonts-noto-cjk; see README).
func browser(t *testing.T) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium not installed (apt-get install chromium fonts-noto-cjk); skipping the browser test")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path),
		chromedp.NoSandbox, chromedp.DisableGPU, chromedp.WindowSize(1280, 900))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(cancel3)
	return ctx
}

// do runs chromedp steps and fails the test on an error.
func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// value runs one chromedp action that returns a value.
func value[T any](t *testing.T, ctx context.Context, what string, a chromedp.Action[T]) T {
	t.Helper()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// loginAs fills and sends the login form.
func loginAs(t *testing.T, ctx context.Context, base, name, pw string) {
	t.Helper()
	do(t, ctx, "login as "+name,
		chromedp.Navigate(base+"/login"),
		chromedp.WaitVisible(chromedp.CSS(`input[name="name"]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name="name"]`), name),
		chromedp.SendKeys(chromedp.CSS(`input[name="password"]`), pw),
		chromedp.Click(chromedp.CSS(`button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`header.top`)),
	)
}

// heading navigates to target and returns the page's h1 text.
func heading(t *testing.T, ctx context.Context, target string) string {
	t.Helper()
	do(t, ctx, "open "+target, chromedp.Navigate(target), chromedp.WaitVisible(chromedp.CSS(`h1`)))
	return value(t, ctx, "heading of "+target, chromedp.Text(chromedp.CSS(`h1`)))
}

// nonBlank checks a screenshot is a real page: big enough and with a
// good share of pixels that are not background (text, table lines,
// chart bars), compared by size and content, not pixel by pixel.
func nonBlank(t *testing.T, what string, shot []byte) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatalf("%s screenshot: %v", what, err)
	}
	b := img.Bounds()
	if b.Dx() < 800 || b.Dy() < 400 {
		t.Errorf("%s screenshot %dx%d; want at least 800x400", what, b.Dx(), b.Dy())
	}
	if share := inked(img); share < 0.02 {
		t.Errorf("%s screenshot: %.3f of the pixels drawn; want at least 0.02 (a blank page?)", what, share)
	}
}

// inked is the share of pixels darker than the page background.
func inked(img image.Image) float64 {
	b := img.Bounds()
	n, dark := 0, 0
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, _ := img.At(x, y).RGBA()
			n++
			if (r+g+bl)/3 < 0xd000 {
				dark++
			}
		}
	}
	return float64(dark) / float64(n)
}

// TestBrowser drives the console in chromium: a department logs in, opens
// the overview, a cluster, a member ticket and its own pack, and is
// refused another department's pack and ticket; the city role runs a saved
// query and downloads its CSV. Chinese text and the charts must render.
func TestBrowser(t *testing.T) {
	c := newConsole(t, true, nil)
	srv := httptest.NewServer(c.h)
	defer srv.Close()
	ctx := browser(t)
	base := srv.URL
	loginAs(t, ctx, base, "dep", deptPW)
	if h := heading(t, ctx, base+"/"); !strings.Contains(h, "总览") {
		t.Errorf("overview heading %q", h)
	}
	overviewText := value(t, ctx, "overview text", chromedp.Text(chromedp.CSS(`main`)))
	if !strings.Contains(overviewText, "本周高频类案") {
		t.Errorf("overview text lacks 本周高频类案: %.300s", overviewText)
	}
	nonBlank(t, "overview", value(t, ctx, "overview screenshot", chromedp.FullScreenshot(100)))
	cid := c.largestCluster(t)
	heading(t, ctx, base+"/clusters/"+cid)
	bars := value(t, ctx, "chart bars", chromedp.Evaluate[int](`document.querySelectorAll("svg.chart rect").length`))
	chartW := value(t, ctx, "chart width", chromedp.Evaluate[float64](`document.querySelector("svg.chart").getBoundingClientRect().width`))
	if bars != trendWeeks || chartW < 300 {
		t.Errorf("cluster chart: %d bars, %.0f px wide; want %d bars drawn", bars, chartW, trendWeeks)
	}
	nonBlank(t, "cluster", value(t, ctx, "cluster screenshot", chromedp.FullScreenshot(100)))
	member := value(t, ctx, "a member link", chromedp.Evaluate[string](`document.querySelector('#members ~ table a[href^="/tickets/"]').getAttribute("href")`))
	if h := heading(t, ctx, base+member); !strings.Contains(h, "工单") {
		t.Errorf("member ticket %s heading %q", member, h)
	}
	own := base + "/reports/weekly/" + fixtureWeek + "/department-" + url.PathEscape(scopeFile(c.td.dept)) + ".html"
	do(t, ctx, "own pack", chromedp.Navigate(own), chromedp.WaitVisible(chromedp.CSS(`body`)))
	if title := value(t, ctx, "pack title", chromedp.Title()); !strings.Contains(title, c.td.dept) {
		t.Errorf("own pack title %q; want %s", title, c.td.dept)
	}
	other := base + "/reports/weekly/" + fixtureWeek + "/department-" + url.PathEscape(scopeFile(c.td.other)) + ".html"
	for _, target := range []string{other, base + "/tickets/" + c.ticketOf(t, c.td.other), base + "/sql"} {
		if h := heading(t, ctx, target); !strings.Contains(h, "无权访问") || !strings.Contains(h, "403") {
			t.Errorf("%s as department: heading %q; want 无权访问 (403)", target, h)
		}
	}
	cityRunsSavedQuery(t, ctx, base)
}

// cityRunsSavedQuery logs out, logs in as the city role, runs the saved
// query volume with its parameters filled in the form, and downloads the
// result as CSV from the same form.
func cityRunsSavedQuery(t *testing.T, ctx context.Context, base string) {
	do(t, ctx, "logout", chromedp.Navigate(base+"/"), chromedp.Click(chromedp.CSS(`header.top form button`)),
		chromedp.WaitVisible(chromedp.CSS(`input[name="name"]`)))
	loginAs(t, ctx, base, "ana", cityPW)
	do(t, ctx, "saved query form", chromedp.Navigate(base+"/sql?saved=volume"), chromedp.WaitVisible(chromedp.CSS(`#sqlform`)))
	value(t, ctx, "fill parameters", chromedp.Evaluate[int](`let n = 0; for (const i of document.querySelectorAll('#sqlform input[name^="p_"]')) { i.value = i.name.includes("to") ? "2026-03-01" : "2026-02-01"; n++ } n`))
	do(t, ctx, "run", chromedp.Click(chromedp.CSS(`#sqlform button:not([formaction])`)), chromedp.WaitVisible(chromedp.CSS(`main table`)))
	rows := value(t, ctx, "result rows", chromedp.Evaluate[int](`document.querySelectorAll("main table tr").length`))
	if rows < 2 {
		t.Errorf("saved query volume: %d table rows", rows)
	}
	csvText := value(t, ctx, "CSV download", chromedp.Evaluate[string](`(async () => {
		const f = new FormData(document.getElementById("sqlform")); f.set("format", "csv");
		const r = await fetch("/sql/download", {method: "POST", body: new URLSearchParams(f)});
		return r.status + "\n" + await r.text(); })()`, chromedp.EvalAwaitPromise))
	// fetch's text() drops the byte-order mark; the handler tests check it.
	if !strings.HasPrefix(csvText, "200\n") || !strings.Contains(csvText, "tickets") || strings.Count(csvText, "\n") < 3 {
		t.Errorf("CSV download: %.200q", csvText)
	}
}
