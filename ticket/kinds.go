package ticket

// ScopeKind is what a report scope stands on: the whole city, or the
// tickets of one department, district or category (the ticket field of the
// same name).
type ScopeKind string

// The scope kinds, in the order reports list them.
const (
	ScopeCity       ScopeKind = "city"
	ScopeDepartment ScopeKind = "department"
	ScopeDistrict   ScopeKind = "district"
	ScopeCategory   ScopeKind = "category"
)

// Relation is how a cluster of a clustering run stands to the clusters of
// the run before (table cluster_lineage, column relation).
type Relation string

// The lineage relations.
const (
	RelationSame  Relation = "same"  // the same cluster, its id kept
	RelationNew   Relation = "new"   // no earlier cluster overlaps it enough
	RelationSplit Relation = "split" // one part of an earlier cluster that split
	RelationMerge Relation = "merge" // an earlier cluster merged into it
)

// Flag is the kind of a cluster's weekly surge flag (table cluster_surges,
// column kind).
type Flag string

// The surge flags.
const (
	FlagNew   Flag = "new"   // a cluster with (almost) no history turns up
	FlagSurge Flag = "surge" // a week's events far above the cluster's baseline
)
