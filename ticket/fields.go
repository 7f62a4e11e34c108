package ticket

// Kind is how a field's text is parsed.
type Kind int

const (
	Text      Kind = iota
	Timestamp      // local Asia/Shanghai unless the value carries a zone
	Integer        // non-negative; empty means 0
	Float          // latitude/longitude
	Bool           // 是/否, true/false, 1/0, Y/N
	Urgency        // 紧急 or 一般
	Rating         // 满意, 基本满意, 不满意
)

// Field is one column of the tickets table.
type Field struct {
	Name     string // canonical (English) name: column name in tickets
	Zh       string // header in a typical Chinese 12345 export
	Open311  string // Open311 GeoReport v2 name, if the standard has one
	Kind     Kind
	Required bool
}

// Fields lists the ticket fields in table order.
var Fields = []Field{
	{"ticket_id", "工单编号", "service_request_id", Text, true},
	{"received_at", "受理时间", "requested_datetime", Timestamp, true},
	{"channel", "渠道", "", Text, false},
	{"caller_id", "来电人编号", "", Text, false},
	{"title", "诉求主题", "", Text, false},
	{"content", "诉求内容", "description", Text, false},
	{"urgency", "紧急程度", "", Urgency, false},
	{"category", "问题大类", "", Text, false},
	{"item", "目录项", "service_name", Text, false},
	{"district", "区", "", Text, false},
	{"street", "街道", "", Text, false},
	{"community", "社区", "", Text, false},
	{"address", "地址", "address", Text, false},
	{"lat", "纬度", "lat", Float, false},
	{"lon", "经度", "long", Float, false},
	{"department", "承办单位", "agency_responsible", Text, false},
	{"dispatched_at", "派单时间", "", Timestamp, false},
	{"returns", "退回次数", "", Integer, false},
	{"reassigns", "转派次数", "", Integer, false},
	{"dispatch_chain", "流转单位", "", Text, false},
	{"replied_at", "答复时间", "", Timestamp, false},
	{"closed_at", "办结时间", "", Timestamp, false},
	{"deadline_at", "办理时限", "expected_datetime", Timestamp, false},
	{"status", "状态", "status", Text, false},
	{"resolved", "是否解决", "", Bool, false},
	{"satisfaction", "满意度", "", Rating, false},
	{"rehandled", "是否重办", "", Bool, false},
	{"clue_id", "线索编号", "", Text, false},
	{"updated_at", "更新时间", "updated_datetime", Timestamp, false},
}

// Names returns the canonical names of Fields, in order.
func Names() []string {
	s := make([]string, len(Fields))
	for i, f := range Fields {
		s[i] = f.Name
	}
	return s
}

// ZhNames returns the Chinese export headers of Fields, in order.
func ZhNames() []string {
	s := make([]string, len(Fields))
	for i, f := range Fields {
		s[i] = f.Zh
	}
	return s
}
