"""Tests of the public pages: the guide, the register, its feeds and downloads."""
