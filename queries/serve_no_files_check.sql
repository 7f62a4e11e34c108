-- serve_no_files_check: whether file access is already off and the
-- configuration locked. DuckDB shares one database instance between all
-- opens of a file in a process, so a second store.Open with NoFiles finds
-- the settings of the first and must not (cannot) set them again.
-- Parameters: none. One row, one BOOLEAN.
SELECT NOT current_setting('enable_external_access') AND current_setting('lock_configuration');
