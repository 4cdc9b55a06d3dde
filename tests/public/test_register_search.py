"""The public register's search (public.register): every word must match the summary, the case's
title, the organisation's name or the förvaltning's name; rare words are looked up by index
table by table, common ones on the joined rows, and both find the same partnerships."""

import pytest
from django.urls import reverse

from public import register as register_module

from ..factories_public import partnerships_bulk

pytestmark = pytest.mark.django_db


def shown(client, q) -> set[str]:
    page = client.get(reverse("public:register"), {"q": q}).content.decode()
    return {title for title in TITLES if title in page}


TITLES = [f"Partnerskap {n}" for n in range(500000, 500006)]


@pytest.fixture
def six(town):
    # Förening 500000–500005, "Verksamhet nummer 50000N för barn och unga.", two förvaltningar.
    return partnerships_bulk(6, forvaltningar=[town.sof, town.amf], created_by=town.handlaggare)


@pytest.mark.parametrize("common", [False, True])
def test_each_word_may_match_any_of_the_four_columns(client, town, six, monkeypatch, common):
    if common:
        # Every word too common for ids: all matched on the joined rows instead.
        monkeypatch.setattr(register_module, "MAX_IDS", 0)
    assert shown(client, "Partnerskap 500003") == {"Partnerskap 500003"}  # title
    assert shown(client, "förening 500002") == {"Partnerskap 500002"}  # organisation's name
    assert shown(client, "nummer 500004") == {"Partnerskap 500004"}  # summary
    sof = {"Partnerskap 500000", "Partnerskap 500002", "Partnerskap 500004"}
    assert shown(client, f"{town.sof.name} barn") == sof  # förvaltning's name, and summary
    assert shown(client, "500001 500002") == set()  # every word must match


def test_a_rare_word_costs_the_same_queries_for_6_and_60_partnerships(
    client, town, six, django_assert_num_queries
):
    # The förvaltningar for the filter (a word is matched on their names from these); the
    # word's organisations and cases; the page of rows (not full: its length is the count).
    url = reverse("public:register")
    with django_assert_num_queries(4):
        client.get(url, {"q": "500003"})
    partnerships_bulk(54, forvaltningar=[town.sof], created_by=town.handlaggare, start=600000)
    with django_assert_num_queries(4):
        assert b"Partnerskap 500003" in client.get(url, {"q": "500003"}).content
