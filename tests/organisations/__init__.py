"""Tests of organisations, their members, invitations, documents and pages."""
