package ticket

// Col is the position of a field in Fields, and so of its value in a row
// written in table order (a generated ticket, gen.Ticket, is one).
type Col int

// The positions of the fields, in table order; TestColsMatchFields checks
// them against Fields.
const (
	ColTicketID Col = iota
	ColReceivedAt
	ColChannel
	ColCallerID
	ColTitle
	ColContent
	ColUrgency
	ColCategory
	ColItem
	ColDistrict
	ColStreet
	ColCommunity
	ColAddress
	ColLat
	ColLon
	ColDepartment
	ColDispatchedAt
	ColReturns
	ColReassigns
	ColDispatchChain
	ColRepliedAt
	ColClosedAt
	ColDeadlineAt
	ColStatus
	ColResolved
	ColSatisfaction
	ColRehandled
	ColClueID
	ColUpdatedAt
	// NumCols is the number of fields.
	NumCols int = iota
)
