"""The organisation's case page links the agreement once at every stage: as the draft to comment
on while it is drafted and decided, as the agreement from signing on."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("stage", "text"),
    [
        ("for_decision", "Läs och kommentera avtalsutkastet"),
        ("signing", "Avtalet"),
        ("active", "Avtalet"),
    ],
)
def test_the_case_page_links_the_agreement_once(client, town, stage, text):
    case = getattr(town, stage)()
    client.force_login(town.member)
    page = client.get(reverse("initiatives:detail", args=[case.pk])).content.decode()
    link = f'href="{reverse("agreements:draft", args=[case.pk])}"'
    assert page.count(link) == 1
    assert f"{link}>{text}</a>" in page
