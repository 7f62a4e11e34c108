// Package serve is leian's browser console (leian serve): the pages a
// weekly review meeting and an analyst use, rendered in Go from embedded
// html/template templates, in Chinese, for a projector, a laptop and print.
//
// Pages: the overview (the week and month of the latest ticket: volume,
// dispatch deadline misses, returns, top clusters with an 8-week sparkline,
// new and surging issues, the data's freshness and the jobs' last runs);
// the archive of the reports already written (weekly packs and monthly
// briefings, filtered by kind, period, scope and text; HTML, Markdown,
// XLSX served from the reports folder); the cluster explorer (terms,
// weekly trend chart, representative tickets, streets, addresses and
// departments, near-duplicate groups, lineage, members page by page, text
// masked); "cases like this" for a ticket or typed text (cluster.Engine's
// Similar); and, for the city role only, the SQL page: the saved metric
// queries (analysis.List) with their variables as a form, and free SQL,
// with CSV, XLSX and Parquet downloads written in Go.
//
// # Safety
//
// The database is opened read-only with file access off and the
// configuration locked (store.Options.NoFiles): no statement can read or
// write another file, ATTACH, INSTALL or change a setting. The SQL page
// has a time limit (Config.QueryTimeout) and a row cap (Config.MaxRows,
// Config.MaxDownload). With users (ReadUsers, AddUser: bcrypt hashes) a
// login starts a session kept in memory and named by an HttpOnly,
// SameSite=Strict cookie; every POST carries the session's CSRF token
// (the login form a token of its own). A department or district user sees
// only its own tickets, cluster members, packs and downloads, and no SQL
// page; every refusal is a 403 logged with the user, path and reason.
// Report files are opened through an os.Root, so no path or link leaves
// the reports folder. Without users there is no login and everyone is the
// city role: CheckAddr then allows only loopback addresses, and requests
// must name a loopback host (against DNS rebinding).
//
// # The database file and the nightly job
//
// DuckDB lets no other process open a file for writing while one process
// holds it open, even read-only. A console that kept the file open would
// stop the nightly job. So the console leases it: the first page opens it,
// pages share the open handle, and it is closed when no page has used it
// for 2 seconds (leaseIdle); a handle is also renewed after 30 seconds of
// use (leaseMaxAge). Opening the 1,000,000-ticket benchmark database costs
// about 0.1 s (BenchmarkServeOpen, 2-core VM), paid by the first page after
// a pause. At night, with nobody at the console, the file is closed and the
// job writes; while a job holds the file, pages answer 503 with
// Retry-After. A busy console keeps the file open (a new handle opens
// before the old one closes), so a job started during a meeting finds it
// busy and exits with code 3, as for any other holder; cron or systemd
// retry it. Within the process, DuckDB shares one instance between opens
// of the file.
//
// Page statements (queries/serve_*.sql) are bound with arguments and their
// results kept in a cache while the file's size and modification time (and
// its WAL's) stay the same, that is until the next job writes; the SQL
// page's results are never cached. Prewarm computes the overview, the
// cluster list and the top clusters of every scope ahead, and Watch runs
// it at start and after each change of the file.
//
// # Page times
//
// A cluster page reads a few percent of the tickets, scattered over the
// history. Joined from tickets, each of its five statements read and
// hashed every ticket id and decompressed every street and address: the
// city's view of the largest cluster (51,327 of 1,000,000 tickets) took
// 179 ms and the overview 222 ms, read from the database (2-core VM,
// BenchmarkServeCluster and BenchmarkServeOverview, uncached). The pages
// now read cluster_member_facts (migration 0012): the fields the pages
// need of each clustered ticket, written in cluster order beside the
// memberships in the same transactions (a run, a nightly assignment, a
// load that updates tickets), so a cluster's rows lie together. Measured
// the same way in one session: overview 89 ms for the city and 55 ms for
// a department, the largest cluster 104 ms and 22 ms; from the cache
// under 3 ms. The representatives' texts still come from tickets (a few
// scattered rows; about 15 ms each to decompress), in parallel with the
// rest.
//
// # What it leaves out
//
// It writes nothing: no report generation, no user management in the
// browser (leian user add edits the users file; restart to apply), no
// TLS (put it behind the city's reverse proxy), no rate limiting of
// logins. Sessions live in memory: a restart logs everyone out.
//
// A Server is safe for concurrent use.
package serve
