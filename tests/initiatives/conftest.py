"""Fixtures the initiative tests share: a client logged in as a handläggare for the staff queue."""

import pytest


@pytest.fixture
def staff_client(client, town):
    client.force_login(town.handlaggare)
    return client
