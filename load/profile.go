package load

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/leian/leian/ticket"
)

// ErrNoProfile reports a header that no profile maps well enough: the
// required fields ticket_id and received_at have no column.
var ErrNoProfile = errors.New("no column profile fits the header")

// zhAliases are other headers seen in Chinese exports.
var zhAliases = map[string]string{
	"工单号": "ticket_id", "编号": "ticket_id", "来电时间": "received_at", "受理日期": "received_at",
	"登记时间": "received_at", "来源渠道": "channel", "来源": "channel", "诉求标题": "title", "标题": "title",
	"反映内容": "content", "诉求描述": "content", "紧急程度类型": "urgency", "一级分类": "category",
	"事项": "item", "目录": "item", "所属区": "district", "区县": "district", "所属街道": "street",
	"详细地址": "address", "承办部门": "department", "责任单位": "department", "派发时间": "dispatched_at",
	"回复时间": "replied_at", "结案时间": "closed_at", "截止时间": "deadline_at", "工单状态": "status",
	"回访满意度": "satisfaction", "是否满意": "satisfaction", "修改时间": "updated_at",
}

// Mapping maps source headers to ticket field names.
type Mapping map[string]string

// profiles returns the built-in profiles, by name.
func profiles() map[string]Mapping {
	canon, zh, o311 := Mapping{}, Mapping{}, Mapping{}
	for _, f := range ticket.Fields {
		canon[f.Name] = f.Name
		zh[f.Zh] = f.Name
		if f.Open311 != "" {
			o311[f.Open311] = f.Name
		}
	}
	for h, f := range zhAliases {
		zh[h] = f
	}
	return map[string]Mapping{"canonical": canon, "zh": zh, "open311": o311}
}

// ReadMapping reads a user mapping file: a JSON object from source header to
// ticket field name, e.g. {"单号": "ticket_id", "时间": "received_at"}.
func ReadMapping(path string) (Mapping, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var m Mapping
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("mapping %s: %w", path, err)
	}
	known := map[string]bool{}
	for _, f := range ticket.Fields {
		known[f.Name] = true
	}
	for h, f := range m {
		if !known[f] {
			return nil, fmt.Errorf("mapping %s: header %q maps to %q, which is not a ticket field (fields: %s)",
				path, h, f, strings.Join(ticket.Names(), ", "))
		}
	}
	return m, nil
}

func normHeader(h string) string {
	return strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
}

// resolve maps each header to a field: by user first, then by the built-in
// profile that recognises most headers (ties go to canonical, zh, open311).
// It returns field -> source header and the profile's name.
func resolve(headers []string, user Mapping) (map[string]string, string, error) {
	best, bestName, bestScore := Mapping(nil), "", -1
	ps := profiles()
	for _, name := range []string{"canonical", "zh", "open311"} {
		score := 0
		for _, h := range headers {
			if _, ok := lookup(ps[name], h); ok {
				score++
			}
		}
		if score > bestScore {
			best, bestName, bestScore = ps[name], name, score
		}
	}
	out := map[string]string{}
	for _, h := range headers {
		if f, ok := lookup(user, h); ok {
			out[f] = h
			continue
		}
		if f, ok := lookup(best, h); ok {
			if _, taken := out[f]; !taken {
				out[f] = h
			}
		}
	}
	if len(user) > 0 {
		bestName = "mapping+" + bestName
	}
	var missing []string
	for _, f := range ticket.Fields {
		if _, ok := out[f.Name]; f.Required && !ok {
			missing = append(missing, f.Name)
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return nil, "", fmt.Errorf("%w: no column for %s in header [%s]; pass a mapping file with --map",
			ErrNoProfile, strings.Join(missing, ", "), strings.Join(headers, ", "))
	}
	return out, bestName, nil
}

func lookup(m Mapping, header string) (string, bool) {
	n := normHeader(header)
	for h, f := range m {
		if normHeader(h) == n {
			return f, true
		}
	}
	return "", false
}
