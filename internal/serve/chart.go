package serve

// Size of the cluster page's trend chart in SVG units: it scales with the
// page, so the numbers only set its proportions and the labels' room.
const (
	chartW     = 720
	chartH     = 180
	chartLabel = 20 // room under the bars for week labels
)

// bar is one week of a chart.
type bar struct {
	X, Y, W, H float64
	Value      int64
	Label      string // the week, shown for the last bar and every fourth before it
}

// chart is a bar chart of weekly events, drawn by the template as SVG.
type chart struct {
	W, H, Base int
	Bars       []bar
	Max        int64
}

// barChart lays out one bar per week, heights relative to the largest
// week's events (all-zero weeks draw no bars); nil weeks give no bars.
func barChart(weeks []weekCount) chart {
	c := chart{W: chartW, H: chartH, Base: chartH - chartLabel}
	if len(weeks) == 0 {
		return c
	}
	for _, w := range weeks {
		c.Max = max(c.Max, w.Events)
	}
	step := float64(chartW) / float64(len(weeks))
	for i, w := range weeks {
		b := bar{X: float64(i)*step + 1, W: step - 2, Value: w.Events}
		if c.Max > 0 {
			b.H = float64(w.Events) / float64(c.Max) * float64(c.Base-14)
		}
		b.Y = float64(c.Base) - b.H
		if (len(weeks)-1-i)%4 == 0 { // every fourth week, counted back from the last
			b.Label = w.Week
		}
		c.Bars = append(c.Bars, b)
	}
	return c
}
