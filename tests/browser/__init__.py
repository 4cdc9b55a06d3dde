"""Playwright tests in headless Chromium, with the axe-core accessibility checks."""
