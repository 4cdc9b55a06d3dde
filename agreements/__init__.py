"""The agreement: templates, clauses, versions, contributions, report dates, signatures, its PDF."""
