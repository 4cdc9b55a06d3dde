"""The organisation's side of a case: wizard progress, case messages and follow-up reports."""
