"""Tests of criteria sets, assessments and the guide's logic."""
