"""The accessibility statement and its report form: mail, refusals, flood limits, query counts."""

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse

pytestmark = pytest.mark.django_db


# --- Accessibility statement and reports ---------------------------------------------------------


def test_the_statement_follows_diggs_model_and_is_in_the_footer(client, town):
    page = client.get(reverse("public:accessibility")).content.decode()
    for heading in (
        "Hur tillgänglig är webbplatsen?",
        "Rapportera brister i webbplatsens tillgänglighet",
        "Tillsyn",
        "Innehåll som inte är tillgängligt",
        "Hur vi testat webbplatsen",
    ):
        assert heading in page
    assert "https://www.digg.se/tdosanmalan" in page
    assert "Testkommun står bakom den här webbplatsen" in page
    home = client.get(reverse("home")).content.decode()
    footer = home[home.index("<footer") :]
    assert reverse("public:accessibility") in footer
    assert reverse("public:register") in footer


def report(client, **fields):
    data = {"page": "/partnerskap/", "description": "Fokus syns inte på sökknappen."} | fields
    # The mail is written to the outbox; its send follows the commit.
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("public:accessibility_report"), data, follow=True)


def test_a_report_is_mailed_to_the_configured_address(client, settings, town):
    settings.IOP_ACCESSIBILITY_EMAIL = "webb@kommun.example"
    response = report(client, email="anna@example.org")
    assert "Tack! Din rapport är skickad till webb@kommun.example." in response.content.decode()
    (message,) = mail.outbox
    assert message.to == ["webb@kommun.example"]
    assert "Fokus syns inte på sökknappen." in message.body
    assert "anna@example.org" in message.body and "/partnerskap/" in message.body


def test_bad_input_is_refused_clearly_and_kept(client, town):
    response = report(client, description="", email="inte-en-adress", page="Startsidan")
    page = response.content.decode()
    assert "Beskriv problemet så att vi kan åtgärda det." in page
    assert "Skriv en giltig e-postadress, till exempel namn@exempel.se." in page
    assert 'href="#id_description"' in page
    assert 'value="Startsidan"' in page
    assert mail.outbox == []


def test_robots_and_floods_send_nothing(client, settings, town):
    settings.IOP_ACCESSIBILITY_REPORTS_PER_HOUR = 2
    report(client, website="http://spam.example")
    assert mail.outbox == []
    report(client)
    report(client)
    page = report(client).content.decode()
    assert len(mail.outbox) == 2
    assert "Du har skickat många rapporter på kort tid." in page
    assert "Fokus syns inte på sökknappen." in page  # kept for when they try again


def test_public_pages_run_a_fixed_number_of_queries(client, town, django_assert_num_queries):
    with django_assert_num_queries(1):
        client.get(reverse("public:accessibility"))
    with django_assert_num_queries(0):
        client.get(reverse("public:accessibility_report"))
