package reports

import (
	"bytes"
	"fmt"
	"html/template"
	"image/color"
	"os"
	"strings"
	"sync"

	xfont "golang.org/x/image/font/opentype"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// CJKFont is Debian's Noto Sans CJK collection (package fonts-noto-cjk);
// face 2 of it is Simplified Chinese. gonum/plot's own font has no Chinese
// glyphs, so without this file labels are measured wrongly (the browser
// still draws them with any CJK font it has).
const (
	CJKFont      = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
	cjkFace      = 2
	cjkTypeface  = "Noto Sans CJK SC"
	chartFontPts = 9
)

var (
	fontOnce sync.Once
	fontErr  error
)

// loadCJK adds the CJK face to gonum/plot's global font cache, once per
// process (the cache is gonum/plot's, not ours; this is the only write).
func loadCJK() error {
	fontOnce.Do(func() {
		b, err := os.ReadFile(CJKFont)
		if err != nil {
			fontErr = fmt.Errorf("reports: Chinese chart font: %w (install fonts-noto-cjk)", err)
			return
		}
		coll, err := xfont.ParseCollection(b)
		if err != nil {
			fontErr = fmt.Errorf("reports: parse %s: %w", CJKFont, err)
			return
		}
		f, err := coll.Font(cjkFace)
		if err != nil {
			fontErr = fmt.Errorf("reports: %s face %d: %w", CJKFont, cjkFace, err)
			return
		}
		font.DefaultCache.Add(font.Collection{{Font: font.Font{Typeface: cjkTypeface}, Face: f}})
	})
	return fontErr
}

func newPlot() *plot.Plot {
	p := plot.New()
	if loadCJK() == nil {
		fnt := font.Font{Typeface: cjkTypeface, Size: chartFontPts}
		p.Title.TextStyle.Font = fnt
		p.Title.TextStyle.Font.Size = chartFontPts + 2
		p.X.Tick.Label.Font, p.Y.Tick.Label.Font = fnt, fnt
		p.X.Label.TextStyle.Font, p.Y.Label.TextStyle.Font = fnt, fnt
		p.Legend.TextStyle.Font = fnt
	}
	return p
}

// svg renders p as an inline SVG element (no XML prologue).
func svg(p *plot.Plot, w, h vg.Length) template.HTML {
	c := vgsvg.New(w, h)
	p.Draw(draw.New(c))
	var b bytes.Buffer
	if _, err := c.WriteTo(&b); err != nil {
		return "" // as for a plot that cannot be built: the chart is left out
	}
	s := b.String()
	if i := strings.Index(s, "<svg"); i >= 0 {
		s = s[i:]
	}
	return template.HTML(s)
}

var palette = []color.Color{
	color.RGBA{0x1f, 0x5f, 0xa8, 0xff}, color.RGBA{0xd9, 0x5f, 0x02, 0xff}, color.RGBA{0x1b, 0x9e, 0x77, 0xff},
	color.RGBA{0x75, 0x70, 0xb3, 0xff}, color.RGBA{0xe7, 0x29, 0x8a, 0xff}, color.RGBA{0x66, 0x66, 0x66, 0xff},
}

// Sparkline draws a small line of weekly counts with no axes.
func Sparkline(values []int64) template.HTML {
	p := newPlot()
	p.HideAxes()
	p.BackgroundColor = color.Transparent
	pts := make(plotter.XYs, len(values))
	for i, v := range values {
		pts[i] = plotter.XY{X: float64(i), Y: float64(v)}
	}
	l, err := plotter.NewLine(pts)
	if err != nil {
		return ""
	}
	l.Color, l.Width = palette[0], vg.Points(1.2)
	p.Add(l)
	p.Y.Min = 0
	return svg(p, vg.Points(90), vg.Points(22))
}

// Series is one named line of a trend chart.
type Series struct {
	Name   string
	Values []int64
}

// TrendChart draws lines over labelled points (weeks), with a legend.
func TrendChart(title string, labels []string, series []Series) template.HTML {
	p := newPlot()
	p.Title.Text = title
	p.Y.Min = 0
	p.Legend.Top = true
	for i, s := range series {
		pts := make(plotter.XYs, len(s.Values))
		for j, v := range s.Values {
			pts[j] = plotter.XY{X: float64(j), Y: float64(v)}
		}
		l, err := plotter.NewLine(pts)
		if err != nil {
			continue
		}
		l.Color, l.Width = palette[i%len(palette)], vg.Points(1.5)
		p.Add(l)
		p.Legend.Add(s.Name, l)
	}
	p.NominalX(labels...)
	return svg(p, vg.Points(520), vg.Points(220))
}

// BarChart draws ranked horizontal bars, the first name at the top.
func BarChart(title string, names []string, values []float64) template.HTML {
	if len(values) == 0 {
		return ""
	}
	p := newPlot()
	p.Title.Text = title
	rev := make(plotter.Values, len(values))
	rnames := make([]string, len(names))
	for i := range values {
		rev[len(values)-1-i] = values[i]
		rnames[len(names)-1-i] = names[i]
	}
	b, err := plotter.NewBarChart(rev, vg.Points(10))
	if err != nil {
		return ""
	}
	b.Horizontal = true
	b.Color = palette[0]
	b.LineStyle.Width = 0
	p.Add(b)
	p.NominalY(rnames...)
	return svg(p, vg.Points(520), vg.Points(float64(40+16*len(values))))
}
