-- serve_no_files: shuts the file access of DuckDB off for the rest of a
-- database lifetime, for the browser console (leian serve) and leian sql
-- without --allow-files; store.Open runs it on the first connection when
-- Options.NoFiles is set. After it no statement can read or write a file
-- (read_csv, read_text, COPY ... TO, ATTACH, INSTALL, LOAD) and no setting
-- can change (SET, RESET), this one included.
-- Parameters: none. The time zone is set globally first, because later
-- connections can no longer set it themselves (store.Zone).
SET GLOBAL TimeZone = 'Asia/Shanghai';
SET GLOBAL enable_external_access = false;
SET GLOBAL lock_configuration = true;
