"""Tests of users, the kommun, nämnd and förvaltning, and roles (the accounts app)."""
