// Package ticket is the platform's shared vocabulary: the fields of a 12345
// work order as leian stores it, with the names each export profile gives
// them and their positions (Col); the platform's time zone; ISO weeks and
// months, their names ("2026-W47", "2026-11") and bounds; and the kinds of
// report scope, cluster lineage relation and surge flag. It is the one place
// the generator, the loader, the analyses, the reports, the jobs and the
// documentation agree on what these are.
//
// It deliberately holds no logic that reads or writes tickets: parsing is
// the loader's (package load, in SQL), generating the generator's (package
// gen). Everything here is immutable and safe for concurrent use.
package ticket
