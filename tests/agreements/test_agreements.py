"""Agreement drafting through its services: templates, clauses, contributions, versions,
comments from the organisation, signing and the PDF; the admin and the summary sit beside it."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from pypdf import PdfReader

from agreements import documents, services, signing_services
from agreements.models import (
    AgreementComment,
    AgreementTemplate,
    ClauseKind,
    Contribution,
    InKind,
    Party,
    Signature,
)
from initiatives.models import Status

from ._support import HOSTILE, contribution_rows, drafted

pytestmark = pytest.mark.django_db

LIBRARY = [
    "purpose",
    "activity",
    "municipality_commitments",
    "organisation_commitments",
    "resources",
    "term",
    "follow_up",
    "knowledge_sharing",
    "repayment",
    "termination",
    "personal_data",
    "insurance",
    "communication",
    "disputes",
]


def pdf_text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", "\n".join(page.extract_text() for page in reader.pages))


# --- Templates and the first draft ---------------------------------------------------------------


def test_draft_starts_from_the_standard_template_filled_with_the_case(town):
    agreement = drafted(town)
    assert list(agreement.clauses.values_list("kind", flat=True)) == LIBRARY
    texts = dict(agreement.clauses.values_list("kind", "text"))
    assert texts["purpose"] == agreement.initiative.challenge == agreement.purpose
    assert texts["activity"].startswith(agreement.initiative.activity)
    assert town.org.name in texts["organisation_commitments"]
    assert "2027-01-01" in texts["term"] and "2027-12-31" in texts["term"]
    assert "{" not in "".join(texts.values())
    assert [v.number for v in agreement.versions.all()] == [1]


def test_a_forvaltning_template_is_preferred_and_each_clause_is_edited_per_agreement(town):
    own = AgreementTemplate.objects.create(name="SOF:s mall", forvaltning=town.sof)
    own.clauses.create(kind=ClauseKind.PURPOSE, position=1, heading="Ändamål", text="{title}")
    own.clauses.create(
        kind=ClauseKind.REPAYMENT, position=2, heading="Återbetalning", text="Betala tillbaka."
    )
    agreement = drafted(town)
    assert agreement.template == own
    assert list(agreement.clauses.values_list("heading", "text")) == [
        ("Ändamål", "Läxhjälp i Demostad"),
        ("Återbetalning", "Betala tillbaka."),
    ]
    clause = agreement.clauses.get(kind=ClauseKind.REPAYMENT)
    services.agreement_update(
        agreement=agreement,
        by=town.handlaggare,
        clause_texts={clause.pk: {"heading": "Återbetalning", "text": "Bara detta avtal."}},
    )
    assert own.clauses.get(kind=ClauseKind.REPAYMENT).text == "Betala tillbaka."
    assert agreement.clauses.get(kind=ClauseKind.REPAYMENT).text == "Bara detta avtal."


def test_another_forvaltning_template_cannot_be_used(town):
    other = AgreementTemplate.objects.create(name="AMF:s mall", forvaltning=town.amf)
    case = town.assessed()
    with pytest.raises(PermissionDenied):
        services.agreement_create_draft(initiative=case, by=town.handlaggare, template=other)


# --- Edits, versions and the rules they keep -----------------------------------------------------


def test_each_update_is_a_version_with_every_clause_field_and_contribution(town):
    agreement = drafted(town)
    purpose = agreement.clauses.get(kind=ClauseKind.PURPOSE)
    version = services.agreement_update(
        agreement=agreement,
        by=town.handlaggare,
        fields={"organisation_signatory_title": "Ordförande"},
        clause_texts={purpose.pk: {"heading": "Syfte", "text": "Ett nytt syfte."}},
        contributions=[
            *contribution_rows(agreement),
            {
                "party": Party.ORGANISATION,
                "year": 2027,
                "amount_sek": 0,
                "in_kind_type": InKind.VOLUNTEER_HOURS,
                "in_kind_description": "Läxhjälpare",
                "in_kind_hours": 1200,
                "in_kind_value_sek": 240000,
            },
        ],
    )
    assert version.number == 2
    agreement.refresh_from_db()
    assert agreement.purpose == "Ett nytt syfte."
    snap = version.snapshot
    assert snap["organisation_signatory_title"] == "Ordförande"
    assert snap["clauses"][0] == {"kind": "purpose", "heading": "Syfte", "text": "Ett nytt syfte."}
    assert [c["kind"] for c in snap["clauses"]] == LIBRARY
    assert {"in_kind_hours": 1200, "in_kind_value_sek": 240000}.items() <= next(
        c for c in snap["contributions"] if c["in_kind_type"] == "volunteer_hours"
    ).items()
    # The first version is unchanged: a version is a snapshot, not a view of the live draft.
    first = agreement.versions.get(number=1).snapshot
    assert first["clauses"][0]["text"] == agreement.initiative.challenge


def test_negative_amount_is_refused_with_a_clear_message_and_nothing_changes(town):
    agreement = drafted(town)
    rows = contribution_rows(agreement)
    rows[0]["amount_sek"] = -5
    with pytest.raises(ValidationError) as error:
        services.agreement_update(agreement=agreement, by=town.handlaggare, contributions=rows)
    assert error.value.messages == ["Insats 1: Beloppet kan inte vara negativt."]
    assert agreement.contributions.get(pk=rows[0]["id"]).amount_sek == 200000
    assert agreement.versions.count() == 1
    # The database refuses it too, whoever writes.
    with pytest.raises(IntegrityError), transaction.atomic():
        Contribution.objects.filter(pk=rows[0]["id"]).update(in_kind_value_sek=-1)


def test_term_ending_before_it_starts_is_refused(town):
    agreement = drafted(town)
    with pytest.raises(ValidationError) as error:
        services.agreement_update(
            agreement=agreement,
            by=town.handlaggare,
            fields={"term_end": datetime.date(2026, 12, 31)},
        )
    assert error.value.message_dict == {
        "term_end": ["Avtalstiden kan inte sluta innan den börjar."]
    }
    agreement.refresh_from_db()
    assert agreement.term_end == datetime.date(2027, 12, 31)


def test_contribution_outside_the_term_is_refused(town):
    agreement = drafted(town)
    rows = contribution_rows(agreement)
    rows[0]["year"] = 2031
    with pytest.raises(ValidationError, match="året 2031 ligger utanför avtalstiden"):
        services.agreement_update(agreement=agreement, by=town.handlaggare, contributions=rows)


def test_agreement_is_editable_only_in_the_agreement_status(town):
    case = town.for_decision()
    agreement = case.agreement
    purpose = agreement.clauses.get(kind=ClauseKind.PURPOSE)
    with pytest.raises(ValidationError) as error:
        services.agreement_update(
            agreement=agreement,
            by=town.handlaggare,
            clause_texts={purpose.pk: {"text": "Ändrat i efterhand"}},
        )
    assert (
        "Avtalet kan bara ändras medan ärendet har status ”Avtal under framtagande”"
        in (error.value.messages[0])
    )
    assert agreement.clauses.get(pk=purpose.pk).text == case.challenge


def test_staff_of_another_forvaltning_cannot_edit(town):
    agreement = drafted(town)
    with pytest.raises(PermissionDenied):
        services.agreement_update(agreement=agreement, by=town.handlaggare_amf, fields={})


def test_a_clause_of_another_agreement_cannot_be_edited_through_this_one(town):
    mine, theirs = drafted(town), drafted(town)
    foreign = theirs.clauses.get(kind=ClauseKind.PURPOSE)
    with pytest.raises(ValidationError, match="hör inte till det här avtalet"):
        services.agreement_update(
            agreement=mine, by=town.handlaggare, clause_texts={foreign.pk: {"text": "Kapat"}}
        )
    foreign.refresh_from_db()
    assert foreign.text != "Kapat"


# --- Sending the draft, and the organisation's comments ------------------------------------------


def test_sent_draft_is_read_and_commented_by_the_organisation(
    town, client, django_capture_on_commit_callbacks
):
    agreement = drafted(town)
    url = reverse("agreements:draft", args=[agreement.initiative_id])
    client.force_login(town.member)
    assert "har inte skickat något avtalsutkast" in client.get(url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        version = services.agreement_send_to_organisation(agreement=agreement, by=town.handlaggare)
    [sent_mail] = mail.outbox
    assert sent_mail.to == [town.org.contact_email]
    assert url in sent_mail.body

    page = client.get(url).content.decode()
    assert "Version 1" in page and agreement.initiative.challenge in page
    response = client.post(url, {"version": version.pk, "text": f"Vi vill ändra § 3 {HOSTILE}"})
    assert response.status_code == 302
    comment = AgreementComment.objects.get()
    assert (comment.version, comment.author) == (version, town.member)
    page = client.get(url).content.decode()
    assert "Vi vill ändra § 3 &lt;b&gt;fet&lt;/b&gt;" in page and "<b>fet</b>" not in page

    pdf = client.get(reverse("agreements:draft_pdf", args=[agreement.initiative_id]))
    assert pdf["Content-Type"] == "application/pdf"
    assert "Avtal om idéburet offentligt partnerskap" in pdf_text(pdf.content)


def test_the_case_page_links_the_draft_for_the_organisation_only(town, client):
    agreement = drafted(town)
    case = agreement.initiative
    url = reverse("agreements:draft", args=[case.pk])
    client.force_login(town.member)
    assert url in client.get(case.get_absolute_url()).content.decode()
    # Staff see the organisation's case page too; the draft page answers them 404.
    client.force_login(town.handlaggare)
    page = client.get(case.get_absolute_url())
    assert page.status_code == 200 and url not in page.content.decode()
    assert client.get(url).status_code == 404


def test_comment_on_another_organisations_agreement_is_refused(town, client):
    theirs = drafted(town)
    version = services.agreement_send_to_organisation(agreement=theirs, by=town.handlaggare)
    client.force_login(town.other_member)
    url = reverse("agreements:draft", args=[theirs.initiative_id])
    assert client.get(url).status_code == 404
    assert client.post(url, {"version": version.pk, "text": "Kapad"}).status_code == 404
    assert client.get(reverse("agreements:draft_pdf", args=[theirs.initiative_id])).status_code == (
        404
    )
    with pytest.raises(PermissionDenied):
        signing_services.agreement_comment(
            initiative=theirs.initiative, version_id=version.pk, by=town.other_member, text="x"
        )
    assert not AgreementComment.objects.exists()


def test_forged_version_of_another_agreement_is_refused_and_the_text_kept(town, client):
    other_case = town.assessed()
    other_case.organisation = town.other_org
    other_case.save()
    theirs = services.agreement_create_draft(initiative=other_case, by=town.handlaggare)
    their_version = services.agreement_send_to_organisation(agreement=theirs, by=town.handlaggare)
    mine = drafted(town)
    services.agreement_send_to_organisation(agreement=mine, by=town.handlaggare)
    client.force_login(town.member)
    response = client.post(
        reverse("agreements:draft", args=[mine.initiative_id]),
        {"version": their_version.pk, "text": "Min synpunkt"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "avtalsutkastet har inte skickats till er organisation" in page
    assert "Min synpunkt" in page
    assert not AgreementComment.objects.exists()


def test_unsent_version_cannot_be_commented(town):
    agreement = drafted(town)
    version = agreement.versions.get()
    with pytest.raises(ValidationError, match="inte skickats"):
        signing_services.agreement_comment(
            initiative=agreement.initiative, version_id=version.pk, by=town.member, text="Hej"
        )


# --- Signing -------------------------------------------------------------------------------------


def sign(agreement, by, party, signed_on=datetime.date(2026, 11, 10)):
    return signing_services.agreement_sign(
        agreement=agreement,
        by=by,
        party=party,
        name="Namn Namnsson",
        title="Ordförande",
        place="Demostad",
        signed_on=signed_on,
        method=Signature.Method.DIGITAL,
    )


def test_the_partnership_starts_when_both_parties_have_signed(town):
    case = town.signing()
    assert case.status == Status.SIGNING
    sign(case.agreement, town.handlaggare, Party.MUNICIPALITY)
    case.refresh_from_db()
    assert case.status == Status.SIGNING
    with pytest.raises(ValidationError, match="Kommunen har redan skrivit under"):
        sign(case.agreement, town.handlaggare, Party.MUNICIPALITY)
    sign(case.agreement, town.handlaggare, Party.ORGANISATION)
    case.refresh_from_db()
    assert case.status == Status.ACTIVE
    assert case.status_changes.last().note == "Avtalet är undertecknat av båda parter"


def test_signing_before_the_nämnd_approved_is_refused(town):
    case = town.for_decision()
    with pytest.raises(ValidationError, match="först när nämnden har godkänt"):
        sign(case.agreement, town.handlaggare, Party.MUNICIPALITY)
    assert not Signature.objects.exists()


def test_signing_in_the_future_is_refused(town):
    case = town.signing()
    with pytest.raises(ValidationError) as error:
        sign(case.agreement, town.handlaggare, Party.MUNICIPALITY, datetime.date(2999, 1, 1))
    assert "signed_on" in error.value.message_dict


# --- The PDF -------------------------------------------------------------------------------------


def test_agreement_pdf_has_clauses_in_order_contributions_and_signature_block(town):
    agreement = drafted(town)
    text = pdf_text(documents.agreement_pdf(agreement=agreement))
    assert f"Dnr {agreement.initiative.diarienummer}" in text
    position = 0
    for n, heading in enumerate(agreement.clauses.values_list("heading", flat=True), start=1):
        position = text.index(f"§ {n} {heading}", position)
    assert "200 000 kr" in text
    assert "Sammanställning under avtalstiden" in text
    block = text[text.index("Underskrifter") :]
    assert "För Testkommun" in block and f"För {town.org.name}" in block
    assert block.count("Ort och datum") == 2 and block.count("Underskrift") >= 2
    assert "Namnförtydligande: Gillis Hammar" in block
    assert "Titel: Förvaltningschef" in block
    pages = len(PdfReader(io.BytesIO(documents.agreement_pdf(agreement=agreement))).pages)
    assert f"1 ({pages})" in text


def test_agreement_pdf_prints_markup_as_text_and_shows_signatures(town):
    case = town.signing(challenge=f"Syfte {HOSTILE}")
    sign(case.agreement, town.handlaggare, Party.MUNICIPALITY)
    text = pdf_text(documents.agreement_pdf(agreement=case.agreement))
    assert f"Syfte {HOSTILE}" in text
    assert "Demostad 2026-11-10" in text and "Undertecknat digitalt" in text


def test_organisation_pdf_is_the_sent_version_not_the_live_draft(town):
    agreement = drafted(town)
    version = services.agreement_send_to_organisation(agreement=agreement, by=town.handlaggare)
    purpose = agreement.clauses.get(kind=ClauseKind.PURPOSE)
    services.agreement_update(
        agreement=agreement,
        by=town.handlaggare,
        clause_texts={purpose.pk: {"text": "Ett ännu inte skickat syfte."}},
    )
    text = pdf_text(documents.agreement_pdf(agreement=agreement, version=version))
    assert "Ett ännu inte skickat syfte." not in text
    assert agreement.initiative.challenge in text
