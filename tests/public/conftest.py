"""Fixtures for the public tests: fresh rate limits, a town with its guide questions filled."""

import pytest
from django.core.cache import cache

from ._support import fill_guide


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()


@pytest.fixture
def town(town):
    fill_guide()
    return town
