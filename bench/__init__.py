"""Benchmarks, run by `make bench` against a throwaway PostgreSQL (see bench/run.py)."""
