// Package analysis runs the platform's metrics, which live as documented SQL
// files in queries/ (volume.sql, three_rates.sql, ...), for a period, and
// returns typed results for reports. Each metric's definition and edge cases
// are in its SQL file's header and repeated on the Go function that runs it.
//
// Parameters reach the SQL as DuckDB variables (SET VARIABLE), so the same
// files run unchanged in the DuckDB CLI:
//
//	SET VARIABLE period_from = TIMESTAMPTZ '2026-11-01 00:00:00+08';
//	SET VARIABLE period_to = TIMESTAMPTZ '2026-12-01 00:00:00+08';
//	.read queries/volume.sql
//
// Time is an input: every function takes its period and "as of" moment; none
// reads the clock. The package writes nothing and reads tables only through
// the views of queries/README.md (v_tickets, v_cluster_weekly, ...).
package analysis
