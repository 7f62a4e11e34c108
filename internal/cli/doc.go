// Package cli is leian's command line: a table of subcommands, each with its
// own flag.FlagSet. Run is the whole program, so tests drive the real CLI
// in-process.
//
// A command only parses its flags, opens what it needs (the database, the
// segmenter) and prints; the work lives in the packages it calls: load,
// cluster, analysis, reports, internal/jobs, internal/demo, internal/bench
// and internal/export. Data goes to standard output, logs to standard error.
package cli
