package gen

import (
	"fmt"
	"math/rand/v2"
)

// Place is one location in the generated city.
type Place struct {
	District, Street, Community, Road string
	Lat, Lon                          float64
}

// District of the generated city, with its streets and roads.
type District struct {
	Name     string
	Lat, Lon float64
	Streets  []Street
	Roads    []string
	Weight   float64 // share of the city's tickets
}

// Street (街道) with its communities (社区).
type Street struct {
	Name        string
	Communities []string
}

var (
	districtNames = []string{"江北区", "江南区", "滨湖区", "高新区", "城东区", "城西区", "临江区", "望山区",
		"新港区", "南湖区", "北岭区", "经开区", "青溪区", "白石区", "长乐区", "丰安区"}
	placeStems = []string{"和平", "光明", "建设", "解放", "人民", "新华", "胜利", "友谊", "幸福", "朝阳",
		"东风", "长安", "安康", "永宁", "兴隆", "丰收", "文昌", "秀水", "翠竹", "桂花", "梧桐", "金桥",
		"银湖", "锦绣", "明珠", "春晖", "育才", "清河", "南门", "北苑", "西岗", "东湖", "龙泉", "凤凰",
		"紫荆", "玉兰", "海棠", "仙桃", "石榴", "杏林", "松柏", "枫林", "荷塘", "柳岸", "沙河", "云台",
		"星河", "天元", "瑞安", "华府", "嘉禾", "福田", "宝丰", "德胜", "振兴", "利民", "安居", "康乐"}
	roadSuffixes      = []string{"路", "街", "大道", "巷", "北路", "南路", "东路", "西路"}
	communitySuffixes = []string{"社区", "社区", "社区", "村"}
	estateSuffixes    = []string{"小区", "花园", "家园", "苑", "公寓", "新村"}
)

// buildGazetteer makes the city. It uses its own generator seeded from seed,
// so the city is the same for a seed whatever else is generated.
func buildGazetteer(seed uint64) []District {
	r := rand.New(rand.NewPCG(seed, 0x6a7a))
	ds := make([]District, len(districtNames))
	for i, name := range districtNames {
		d := District{Name: name, Lat: 30.45 + r.Float64()*0.5, Lon: 114.05 + r.Float64()*0.6,
			Weight: 0.4 + r.Float64()*1.6}
		nStreets := 8 + r.IntN(7)
		used := map[string]bool{}
		for len(d.Streets) < nStreets {
			stem := placeStems[r.IntN(len(placeStems))]
			if used[stem] {
				continue
			}
			used[stem] = true
			s := Street{Name: stem + "街道"}
			for c := 0; c < 4+r.IntN(6); c++ {
				s.Communities = append(s.Communities, placeStems[r.IntN(len(placeStems))]+
					[]string{"", "里", "苑", "园"}[r.IntN(4)]+communitySuffixes[r.IntN(len(communitySuffixes))])
			}
			d.Streets = append(d.Streets, s)
		}
		for k := 0; k < 25; k++ {
			d.Roads = append(d.Roads, placeStems[r.IntN(len(placeStems))]+roadSuffixes[r.IntN(len(roadSuffixes))])
		}
		ds[i] = d
	}
	return ds
}

// randomPlace picks a place and a street address in it.
func randomPlace(r *rand.Rand, ds []District, cum []float64) (Place, string) {
	d := &ds[pick(r, cum)]
	s := &d.Streets[r.IntN(len(d.Streets))]
	p := Place{District: d.Name, Street: s.Name, Community: s.Communities[r.IntN(len(s.Communities))],
		Road: d.Roads[r.IntN(len(d.Roads))],
		Lat:  d.Lat + (r.Float64()-0.5)*0.06, Lon: d.Lon + (r.Float64()-0.5)*0.06}
	var addr string
	switch r.IntN(3) {
	case 0:
		addr = fmt.Sprintf("%s%d号", p.Road, 1+r.IntN(300))
	case 1:
		addr = fmt.Sprintf("%s%d号%s%s", p.Road, 1+r.IntN(300),
			placeStems[r.IntN(len(placeStems))], estateSuffixes[r.IntN(len(estateSuffixes))])
	default:
		addr = fmt.Sprintf("%s%s%d栋", placeStems[r.IntN(len(placeStems))],
			estateSuffixes[r.IntN(len(estateSuffixes))], 1+r.IntN(40))
	}
	return p, addr
}

// pick returns the index i with cum[i-1] <= u < cum[i] for u uniform in
// [0, cum[len-1]).
func pick(r *rand.Rand, cum []float64) int {
	u := r.Float64() * cum[len(cum)-1]
	lo, hi := 0, len(cum)-1
	for lo < hi {
		m := (lo + hi) / 2
		if cum[m] > u {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return lo
}

func cumulative(w []float64) []float64 {
	c := make([]float64, len(w))
	s := 0.0
	for i, x := range w {
		s += x
		c[i] = s
	}
	return c
}
