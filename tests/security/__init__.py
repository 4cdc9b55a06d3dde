"""Cross-cutting security tests: the permission matrix, scope, input and the payload corpus."""
