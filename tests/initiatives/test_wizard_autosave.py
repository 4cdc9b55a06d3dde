"""The wizard's autosave: what the script posts from a step is saved to the draft, or kept."""

import pytest
from django.urls import reverse

from initiatives.models import DraftProgress

from .test_wizard import start, step_url

pytestmark = pytest.mark.django_db


def autosave_url(draft, slug):
    return reverse("initiatives:autosave", args=[draft.pk, slug])


def test_typed_text_is_saved_to_the_draft_and_only_the_posted_fields(client, town):
    client.force_login(town.member)
    _, draft = start(client, town)
    client.post(step_url(draft, "utmaning"), {"challenge": "Förut", "target_group": "Unga"})
    resume_at = DraftProgress.objects.get(initiative=draft).step
    response = client.post(autosave_url(draft, "utmaning"), {"challenge": "Skrivet nyss"})
    assert response.status_code == 200
    assert response.json() == {"saved": ["challenge"], "errors": {}}
    draft.refresh_from_db()
    assert draft.challenge == "Skrivet nyss" and draft.target_group == "Unga"
    # Saving while typing is not a visit: the step to resume at stays as it was.
    assert DraftProgress.objects.get(initiative=draft).step == resume_at


def test_an_invalid_value_is_not_saved_and_the_valid_ones_are(client, town):
    client.force_login(town.member)
    _, draft = start(client, town)
    response = client.post(
        autosave_url(draft, "resurser"),
        {"own_contribution": "Ideella timmar", "requested_amount_per_year": "många"},
    )
    answer = response.json()
    assert answer["saved"] == ["own_contribution"]
    assert "requested_amount_per_year" in answer["errors"]
    draft.refresh_from_db()
    assert draft.own_contribution == "Ideella timmar" and draft.requested_amount_per_year is None


def test_an_ended_session_is_told_in_json_and_nothing_is_saved(client, town):
    client.force_login(town.member)
    _, draft = start(client, town)
    client.logout()
    response = client.post(autosave_url(draft, "utmaning"), {"challenge": "Skrivet nyss"})
    assert response.status_code == 401 and response.json()["login"] is True
    draft.refresh_from_db()
    assert draft.challenge != "Skrivet nyss"


def test_a_submitted_case_is_not_changed_by_an_old_page(client, town):
    case = town.submitted()
    client.force_login(town.member)
    response = client.post(autosave_url(case, "utmaning"), {"challenge": "Sent"})
    assert response.status_code == 409
    case.refresh_from_db()
    assert case.challenge != "Sent"


def test_the_step_page_carries_the_keeper_and_its_live_notice(client, town):
    client.force_login(town.member)
    _, draft = start(client, town)
    page = client.get(step_url(draft, "utmaning")).content.decode()
    assert f'data-draft-keeper="{town.member.pk}:{draft.pk}:utmaning"' in page
    assert f'data-autosave-url="{autosave_url(draft, "utmaning")}"' in page
    assert 'role="status" aria-live="polite" data-restored="Osparad text återställd"' in page
    assert "js/draft-keeper.js" in page
