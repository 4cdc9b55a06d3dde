"""Tests of agreements: templates, clauses, versions, contributions, signatures, the PDF."""
