"""Agreement drafting through its services: templates, clauses, contributions, versions,
comments from the organisation, signing, the PDF, and the admin pages that call them."""

import datetime
import io
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from pypdf import PdfReader

from agreements import documents, drafting, services, signing_services
from agreements.models import (
    AgreementComment,
    AgreementTemplate,
    AgreementVersion,
    ClauseKind,
    Contribution,
    InKind,
    Party,
    Signature,
)
from initiatives.models import Status

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
HOSTILE = '<b>fet</b><script>alert("x")</script>'


def drafted(town, **fields):
    case = town.assessed(**fields)
    return services.agreement_create_draft(initiative=case, by=town.handlaggare)


def contribution_rows(agreement):
    return [
        {"id": c.pk, **{name: getattr(c, name) for name in drafting.CONTRIBUTION_FIELDS}}
        for c in agreement.contributions.all()
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


# --- The contributions summary -------------------------------------------------------------------


def row(party, year=2027, amount=0, kind="", value=0):
    return {
        "party": party,
        "year": year,
        "amount_sek": amount,
        "in_kind_type": kind,
        "in_kind_description": "x" if kind else "",
        "in_kind_hours": None,
        "in_kind_value_sek": value,
    }


def test_summary_shows_each_party_share(settings):
    settings.IOP_DIRECT_PROCUREMENT_LIMIT_SEK = 700_000
    summary = drafting.contribution_summary(
        [
            row(Party.MUNICIPALITY, amount=200_000, kind=InKind.PREMISES, value=100_000),
            row(Party.ORGANISATION, kind=InKind.VOLUNTEER_HOURS, value=100_000),
        ]
    )
    municipality, organisation = summary.parties
    assert (municipality.money, municipality.in_kind, municipality.share) == (
        200_000,
        100_000,
        75.0,
    )
    assert (organisation.total, organisation.share) == (100_000, 25.0)
    assert summary.warnings == [] and summary.information == []


def test_warning_when_the_municipality_pays_everything():
    summary = drafting.contribution_summary([row(Party.MUNICIPALITY, amount=200_000)])
    [warning] = summary.warnings
    assert warning.startswith("Kommunen står för hela finansieringen.")
    assert "båda parter" in warning


def test_information_when_municipal_money_passes_the_direct_procurement_limit(settings):
    settings.IOP_DIRECT_PROCUREMENT_LIMIT_SEK = 534_000
    below = drafting.contribution_summary(
        [row(Party.MUNICIPALITY, amount=534_000), row(Party.ORGANISATION, amount=1)]
    )
    assert below.information == []
    above = drafting.contribution_summary(
        [
            row(Party.MUNICIPALITY, year=2027, amount=300_000),
            row(Party.MUNICIPALITY, year=2028, amount=300_000),
            row(Party.ORGANISATION, kind=InKind.PREMISES, value=50_000),
        ]
    )
    [info] = above.information
    assert "600\u00a0000 kr" in info and "534\u00a0000 kr" in info
    assert "avgör inte" in info
    assert above.warnings == []


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


# --- The admin -----------------------------------------------------------------------------------


def admin_post_data(agreement, **changes) -> dict:
    """The admin change form's POST for the agreement as it stands, with `changes` applied."""
    data = {
        "term_start": agreement.term_start.isoformat(),
        "term_end": agreement.term_end.isoformat(),
        "municipality_signatory": agreement.municipality_signatory,
        "municipality_signatory_title": agreement.municipality_signatory_title,
        "organisation_signatory": agreement.organisation_signatory,
        "organisation_signatory_title": agreement.organisation_signatory_title,
        "_continue": "1",
    }
    for prefix, rows, fields in (
        ("clauses", agreement.clauses.all(), ("heading", "text")),
        ("contributions", agreement.contributions.all(), drafting.CONTRIBUTION_FIELDS[:-2]),
        ("report_dates", agreement.report_dates.all(), ("due_date", "description")),
    ):
        rows = list(rows)
        data |= {
            f"{prefix}-TOTAL_FORMS": len(rows),
            f"{prefix}-INITIAL_FORMS": len(rows),
            f"{prefix}-MIN_NUM_FORMS": 0,
            f"{prefix}-MAX_NUM_FORMS": 1000,
        }
        for i, obj in enumerate(rows):
            data[f"{prefix}-{i}-id"] = obj.pk
            data[f"{prefix}-{i}-agreement"] = agreement.pk
            for name in fields:
                value = getattr(obj, name)
                data[f"{prefix}-{i}-{name}"] = "" if value is None else str(value)
            if prefix == "contributions":
                data[f"{prefix}-{i}-in_kind_hours"] = obj.in_kind_hours or ""
                data[f"{prefix}-{i}-in_kind_value_sek"] = obj.in_kind_value_sek
    return data | changes


def test_admin_save_goes_through_the_service_as_a_new_version(town, client):
    agreement = drafted(town)
    client.force_login(town.handlaggare)
    url = reverse("admin:agreements_agreement_change", args=[agreement.pk])
    response = client.post(url, admin_post_data(agreement, **{"clauses-0-text": "Nytt syfte"}))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert "Sparat som version 2." in [str(m) for m in response.wsgi_request._messages]
    agreement.refresh_from_db()
    assert agreement.purpose == "Nytt syfte"
    assert agreement.versions.count() == 2
    assert agreement.versions.get(number=2).created_by == town.handlaggare


def test_admin_refuses_a_negative_amount_next_to_the_field_and_keeps_the_input(town, client):
    agreement = drafted(town)
    client.force_login(town.handlaggare)
    url = reverse("admin:agreements_agreement_change", args=[agreement.pk])
    data = admin_post_data(
        agreement, **{"contributions-0-amount_sek": "-100", "clauses-0-text": "Behålls"}
    )
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Beloppet kan inte vara negativt." in page
    assert 'value="-100"' in page and "Behålls" in page
    assert agreement.versions.count() == 1


def test_admin_refuses_a_term_that_ends_before_it_starts(town, client):
    agreement = drafted(town)
    client.force_login(town.handlaggare)
    url = reverse("admin:agreements_agreement_change", args=[agreement.pk])
    response = client.post(url, admin_post_data(agreement, term_end="2026-06-30"))
    assert response.status_code == 200
    assert "Avtalstiden kan inte sluta innan den börjar." in response.content.decode()
    agreement.refresh_from_db()
    assert agreement.term_end == datetime.date(2027, 12, 31)


def test_admin_shows_warning_comments_and_a_readable_escaped_diff(town, client):
    agreement = drafted(town)
    rows = [r for r in contribution_rows(agreement) if r["party"] == Party.MUNICIPALITY]
    services.agreement_update(agreement=agreement, by=town.handlaggare, contributions=rows)
    purpose = agreement.clauses.get(kind=ClauseKind.PURPOSE)
    services.agreement_update(
        agreement=agreement,
        by=town.handlaggare,
        clause_texts={purpose.pk: {"text": f"Nytt syfte {HOSTILE}"}},
    )
    version = services.agreement_send_to_organisation(agreement=agreement, by=town.handlaggare)
    signing_services.agreement_comment(
        initiative=agreement.initiative, version_id=version.pk, by=town.member, text="Bra utkast"
    )
    client.force_login(town.handlaggare)
    page = client.get(reverse("admin:agreements_agreement_change", args=[agreement.pk]))
    html = page.content.decode()
    assert "Kommunen står för hela finansieringen" in html
    assert "Bra utkast" in html and "om version 3" in html

    diff_url = reverse("admin:agreements_agreement_diff", args=[agreement.pk])
    html = client.get(diff_url, {"old": 1, "new": 3}).content.decode()
    assert f"<del><span>− </span>{agreement.initiative.challenge}</del>" in html
    assert "Nytt syfte &lt;b&gt;fet&lt;/b&gt;&lt;script&gt;" in html
    assert "<script>alert" not in html
    assert "Insatser" in html  # the organisation's removed contribution
    assert "Versionerna är likadana." in client.get(diff_url, {"old": 3, "new": 3}).content.decode()


def test_admin_page_of_another_forvaltning_is_404(town, client):
    agreement = drafted(town)
    client.force_login(town.handlaggare_amf)
    for name in ("change", "diff", "pdf"):
        url = reverse(f"admin:agreements_agreement_{name}", args=[agreement.pk])
        assert client.get(url).status_code == 404


# Session, user, the agreement (scope check and the admin's own fetch), versions, comments,
# signatures, the contributions for the summary, and one query per inline (clauses,
# contributions, report dates) with their permission checks. The same for 1 row and 50.
QUERY_BUDGET = 14


@pytest.mark.parametrize("rows", [1, 50])
def test_admin_page_query_budget_is_the_same_for_1_and_50_rows(
    town, client, rows, django_assert_num_queries
):
    case = town.assessed(term_end=datetime.date(2027, 12, 31))
    agreement = services.agreement_create_draft(initiative=case, by=town.handlaggare)
    agreement.contributions.all().delete()
    Contribution.objects.bulk_create(
        Contribution(
            agreement=agreement,
            party=Party.ORGANISATION,
            year=2027,
            in_kind_type=InKind.VOLUNTEER_HOURS,
            in_kind_value_sek=n,
        )
        for n in range(rows)
    )
    snap = agreement.versions.get().snapshot
    AgreementVersion.objects.bulk_create(
        AgreementVersion(agreement=agreement, number=n, snapshot=snap, created_by=town.handlaggare)
        for n in range(2, rows + 2)
    )
    client.force_login(town.handlaggare)
    url = reverse("admin:agreements_agreement_change", args=[agreement.pk])
    client.get(url)  # warm the session and content-type caches
    with django_assert_num_queries(QUERY_BUDGET):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('name="contributions-') >= rows


def test_admin_post_outside_the_agreement_status_changes_nothing(town, client):
    case = town.for_decision()
    agreement = case.agreement
    client.force_login(town.handlaggare)
    url = reverse("admin:agreements_agreement_change", args=[agreement.pk])
    page = client.get(url).content.decode()
    assert 'name="clauses-0-text"' not in page  # shown read-only
    assert "Skicka senaste versionen" not in page
    response = client.post(
        url, admin_post_data(agreement, term_end="2030-12-31", **{"clauses-0-text": "Kapat"})
    )
    assert response.status_code in (200, 302, 403)
    agreement.refresh_from_db()
    assert agreement.term_end == datetime.date(2027, 12, 31)
    assert agreement.clauses.get(kind=ClauseKind.PURPOSE).text == case.challenge
    assert agreement.versions.count() == 1
    send = client.post(reverse("admin:agreements_agreement_send", args=[agreement.pk]))
    assert send.status_code == 302
    assert not agreement.versions.filter(sent_at__isnull=False).exists()


def test_signing_from_the_admin_starts_the_partnership(town, client):
    case = town.signing()
    client.force_login(town.handlaggare)
    url = reverse("admin:agreements_agreement_sign", args=[case.agreement.pk])
    for party, name in ((Party.MUNICIPALITY, "Gillis Hammar"), (Party.ORGANISATION, "Kim")):
        response = client.post(
            url,
            {
                "party": party,
                "name": name,
                "title": "Ordförande",
                "place": "Demostad",
                "signed_on": "2026-11-10",
                "method": Signature.Method.PAPER,
            },
        )
        assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == Status.ACTIVE
    again = client.post(
        url,
        {
            "party": Party.MUNICIPALITY,
            "name": "X",
            "place": "Y",
            "signed_on": "2026-11-10",
            "method": "paper",
        },
    )
    assert "Avtalet kan undertecknas först när nämnden har godkänt det" in again.content.decode()


def test_case_page_links_to_the_draft_and_anonymous_users_must_log_in(town, client):
    agreement = drafted(town)
    url = reverse("agreements:draft", args=[agreement.initiative_id])
    response = client.get(url)
    assert response.status_code == 302 and reverse("login") in response["Location"]
    client.force_login(town.member)
    detail = client.get(reverse("initiatives:detail", args=[agreement.initiative_id]))
    assert f'href="{url}"' in detail.content.decode()
    client.force_login(town.handlaggare)
    assert client.get(url).status_code == 404  # staff work in the admin


def test_templates_in_the_admin_are_per_forvaltning(town, client):
    standard = AgreementTemplate.objects.get(forvaltning__isnull=True)
    theirs = AgreementTemplate.objects.create(name="AMF:s mall", forvaltning=town.amf)
    client.force_login(town.handlaggare)
    listing = client.get(reverse("admin:agreements_agreementtemplate_changelist")).content.decode()
    assert standard.name in listing and theirs.name not in listing
    assert client.get(reverse("admin:agreements_agreementtemplate_add")).status_code == 200
    response = client.post(
        reverse("admin:agreements_agreementtemplate_add"),
        {
            "name": "SOF:s mall",
            "forvaltning": town.sof.pk,
            "clauses-TOTAL_FORMS": 1,
            "clauses-INITIAL_FORMS": 0,
            "clauses-0-position": 1,
            "clauses-0-kind": ClauseKind.PURPOSE,
            "clauses-0-heading": "Syfte",
            "clauses-0-text": "{challenge}",
        },
    )
    assert response.status_code == 302
    own = AgreementTemplate.objects.get(name="SOF:s mall")
    assert own.forvaltning == town.sof and own.clauses.get().text == "{challenge}"
    # The shared standard template is read-only for a förvaltning's staff.
    page = client.get(reverse("admin:agreements_agreementtemplate_change", args=[standard.pk]))
    assert 'name="name"' not in page.content.decode()
