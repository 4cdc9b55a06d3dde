"""A person named on a staff page links to their account page only for a user who may open it.

Django's admin links every read-only foreign key to the target's change page; core.admin_links
asks the target's admin first, and for an account page that is the accounts policy.
"""

import re

import pytest
from django.urls import reverse

from assessments.models import Assessment

pytestmark = pytest.mark.django_db

ACCOUNT_LINK = re.compile(r'href="/admin/accounts/user/(\d+)/')


def _pages(town):
    case = town.active()
    assessment = Assessment.objects.get(initiative=case)
    return [
        reverse("admin:initiatives_initiative_change", args=[case.pk]),
        reverse("admin:assessments_assessment_change", args=[assessment.pk]),
        reverse("admin:organisations_organisation_change", args=[town.org.pk]),
    ]


def test_a_handlaggare_meets_no_link_to_an_account_page(town, client):
    pages = _pages(town)
    client.force_login(town.handlaggare)
    for url in pages:
        page = client.get(url)
        assert page.status_code == 200, url
        html = page.content.decode()
        assert not ACCOUNT_LINK.search(html), url
    # The people are still named: the handläggare of the case, the member of the organisation.
    assert town.handlaggare.get_full_name() in client.get(pages[0]).content.decode()
    assert town.member.get_full_name() in client.get(pages[2]).content.decode()
    # And an account page is indeed closed to them.
    closed = client.get(reverse("admin:accounts_user_change", args=[town.handlaggare.pk]))
    assert closed.status_code in (403, 404)


def test_every_account_link_a_superuser_meets_opens(town, client):
    pages = _pages(town)
    client.force_login(town.superuser)
    linked = set()
    for url in pages:
        linked |= set(ACCOUNT_LINK.findall(client.get(url).content.decode()))
    assert str(town.handlaggare.pk) in linked
    for pk in linked:
        assert client.get(reverse("admin:accounts_user_change", args=[pk])).status_code == 200
