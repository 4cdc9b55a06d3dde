"""The expediering of a justerad §'s protokollsutdrag: refused before justering and anslag and
to others than the secretary; then recorded per sending, mailed through the outbox with a link,
and kept on the organisation's case page beside the upprättat tjänsteutlåtande."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.models import OutboxMail
from namnd import expediering_services, justering_services, record_services
from namnd.models import Expediering, StoredDocument

from . import support

pytestmark = pytest.mark.django_db


@pytest.fixture
def justerad(town):
    meeting = support.meeting(town)
    support.members(meeting, town.secretary)
    paragraf = support.decided(town, meeting)
    support.justerat(town, meeting)
    paragraf.refresh_from_db()
    return paragraf


def anslaget(town, paragraf):
    justering_services.anslag_publish(
        meeting=paragraf.sammantrade, by=town.secretary, kept_at="Socialförvaltningen"
    )


def test_expediering_is_refused_before_justering(town):
    meeting = support.meeting(town)
    paragraf = support.decided(town, meeting)
    with pytest.raises(ValidationError, match="först när paragrafen är justerad"):
        expediering_services.paragraf_expediera(paragraf=paragraf, by=town.secretary)
    assert not Expediering.objects.exists()


def test_expediering_waits_for_the_anslag_which_the_utdrag_prints(town, justerad):
    with pytest.raises(ValidationError, match="när justeringen är anslagen"):
        expediering_services.paragraf_expediera(paragraf=justerad, by=town.secretary)
    assert not Expediering.objects.exists() and not StoredDocument.objects.exists()


def test_only_the_namnds_secretary_expedierar(town, justerad):
    anslaget(town, justerad)
    with pytest.raises(PermissionDenied):
        expediering_services.paragraf_expediera(paragraf=justerad, by=town.handlaggare)


def test_expediering_records_each_sending_and_mails_a_link(town, justerad, client):
    anslaget(town, justerad)
    rows = expediering_services.paragraf_expediera(paragraf=justerad, by=town.secretary)
    case = justerad.initiative
    sent = {(r.recipient_kind, r.channel, r.recipient) for r in rows}
    assert sent == {
        ("organisation", "portal", town.org.name),
        ("organisation", "mail", town.org.contact_email),
        ("handlaggare", "mail", town.handlaggare.email),
    }
    stored = StoredDocument.objects.get(paragraf=justerad, kind="utdrag_pdf")
    assert {r.document.name for r in rows} == {stored.file.name}
    mails = OutboxMail.objects.filter(template="protokollsutdrag_expedierat")
    assert mails.count() == 2
    to_org = mails.get(recipients=[town.org.contact_email])
    assert f"§ {justerad.number}" in to_org.subject
    assert reverse("initiatives:detail", args=[case.pk]) in to_org.body
    to_staff = mails.get(recipients=[town.handlaggare.email])
    assert reverse("admin:initiatives_initiative_change", args=[case.pk]) in to_staff.body

    # The organisation finds the utdrag and the tjänsteutlåtande on its case page.
    client.force_login(town.member)
    page = client.get(reverse("initiatives:detail", args=[case.pk])).content.decode()
    utdrag_url = reverse("namnd_portal:utdrag", args=[case.pk, justerad.pk])
    assert utdrag_url in page
    assert reverse("namnd_portal:tjansteutlatande", args=[case.pk]) in page
    response = client.get(utdrag_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == stored.file.open("rb").read()


def test_a_second_expediering_is_recorded_and_sends_the_same_copy(town, justerad):
    anslaget(town, justerad)
    first = expediering_services.paragraf_expediera(paragraf=justerad, by=town.secretary)
    second = expediering_services.paragraf_expediera(paragraf=justerad, by=town.secretary)
    assert Expediering.objects.count() == 6
    assert first[0].document.name == second[0].document.name
    assert StoredDocument.objects.filter(kind="utdrag_pdf").count() == 1


def test_another_organisation_gets_404_for_the_utdrag(town, justerad, client):
    anslaget(town, justerad)
    expediering_services.paragraf_expediera(paragraf=justerad, by=town.secretary)
    client.force_login(town.other_member)
    case = justerad.initiative
    assert (
        client.get(reverse("namnd_portal:utdrag", args=[case.pk, justerad.pk])).status_code == 404
    )


def test_records_need_justering_and_anslag(town, justerad):
    with pytest.raises(ValidationError, match="anslagen"):
        record_services.protokoll_records_store(sammantrade=justerad.sammantrade)


def test_the_case_pages_utdrag_button_serves_the_namnds_stored_record(town, justerad, client):
    """The decision's protokollsutdrag on the admin case page is the § record the organisation
    was sent, not the decision stage's own one-page rendering."""
    anslaget(town, justerad)
    rows = expediering_services.paragraf_expediera(paragraf=justerad, by=town.secretary)
    case, decision = justerad.initiative, justerad.decision
    client.force_login(town.secretary)
    response = client.get(
        reverse("admin:initiatives_initiative_protokollsutdrag", args=[case.pk, decision.pk])
    )
    assert response.status_code == 200
    assert response.content == rows[0].document.open("rb").read()
    assert StoredDocument.objects.filter(kind="utdrag_pdf").count() == 1


def test_the_case_pages_utdrag_of_a_decision_without_a_meeting_is_the_old_one(town, client):
    case = town.active(paragraph=7)
    decision = case.decisions.get()
    client.force_login(town.secretary)
    response = client.get(
        reverse("admin:initiatives_initiative_protokollsutdrag", args=[case.pk, decision.pk])
    )
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert not StoredDocument.objects.exists()
