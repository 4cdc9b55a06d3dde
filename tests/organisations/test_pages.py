"""Organisation pages: drafts survive bad input, markup shows as text, query counts are fixed."""

import pytest
from django.urls import reverse

from organisations.models import Organisation

from .. import factories

pytestmark = pytest.mark.django_db

TEXT_FIELDS = factories.TEXT_FIELDS
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_invalid_org_number_is_explained_next_to_the_field(client, town):
    client.force_login(town.member)
    response = client.post(
        reverse("initiatives:organisation_create"),
        {
            "name": "Föreningen",
            "org_number": "802002-4281",
            "legal_form": "ideell_forening",
            "street_address": "Gatan 1",
            "postal_code": "111 11",
            "city": "Stad",
            "contact_name": "Kim",
            "contact_email": "kim@example.org",
            "contact_phone": "070",
        },
    )
    assert "kontrollsiffran" in response.context["form"].errors["org_number"][0]
    assert not Organisation.objects.filter(name="Föreningen").exists()


@pytest.mark.parametrize("url_name", ["initiatives:detail", "admin:initiatives_initiative_change"])
def test_markup_in_every_text_field_is_escaped(client, town, url_name):
    case = town.in_assessment(**{name: f"{name} {HOSTILE}" for name in TEXT_FIELDS})
    town.org.name = f"name {HOSTILE}"
    town.org.save()
    client.force_login(town.member if url_name.startswith("initiatives") else town.handlaggare)
    page = client.get(reverse(url_name, args=[case.pk])).content.decode()
    assert "<script>alert" not in page and "<img src=x" not in page
    for name in [*TEXT_FIELDS, "name"]:
        assert f"{name} &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_my_cases_runs_a_fixed_number_of_queries(client, town, django_assert_num_queries):
    client.force_login(town.member)
    town.submitted()
    url = reverse("initiatives:my_cases")
    client.get(url)  # warm the session and permission caches
    with django_assert_num_queries(5) as one:
        client.get(url)
    for i in range(30):
        town.draft(title=f"Utkast {i}")
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert response.context["page"].paginator.count == 31


def test_home_lists_the_forvaltning_contacts(client, town):
    page = client.get(reverse("home")).content.decode()
    assert "Christina Grönberg" in page and "christina@kommun.example" in page
