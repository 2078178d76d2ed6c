"""Every SQL statement: the brief cache, per-server settings and reading records."""
