package queries

import "embed"

// FS holds every query and migration of the project. Code that runs SQL
// takes an fs.FS so tests can substitute their own files; production code
// passes FS.
//
//go:embed *.sql migrations/*.sql
var FS embed.FS
