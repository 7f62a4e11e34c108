// Package jobs runs leian unattended: the nightly job after the platform's
// daily export, the weekly job before Monday's review meetings and the
// monthly job before the mayor's briefing. Every step is idempotent (files
// are recognised by content hash, assignment touches only unassigned
// tickets, re-clustering a window replaces it deterministically, reports are
// written through temporary names), so a run killed at any point can simply
// be run again and ends in the state an uninterrupted run leaves. Each run
// is recorded in job_runs; a period already done is skipped unless forced.
// The clock is an input: callers pass the period.
//
// It leaves scheduling to cron or systemd and one process at a time to
// the database's write lock: a Runner runs one job at a time and is not
// safe for concurrent use.
package jobs
