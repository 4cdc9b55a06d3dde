"""Organisations, their members, invitations and documents, and the pages they keep them on."""
