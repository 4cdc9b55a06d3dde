"""The agreement admin: saving as versions, refusals, the diff, query budget, signing, templates."""

import datetime

import pytest
from django.urls import reverse

from agreements import drafting, services, signing_services
from agreements.models import (
    AgreementTemplate,
    AgreementVersion,
    ClauseKind,
    Contribution,
    InKind,
    Party,
    Signature,
)
from initiatives.models import Status

from ._support import HOSTILE, contribution_rows, drafted

pytestmark = pytest.mark.django_db


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
        ("goals", agreement.goals.all(), ("goal", "indicator", "target")),
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


# Session, user, the permission set, the agreement (once: the admin's change view reuses the scope
# check's fetch), versions, comments, signatures, the contributions for the summary, and one query
# per inline (clauses, contributions, report dates) with their permission checks. The same for 1
# row and 50.
QUERY_BUDGET = 12


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


def test_admin_amounts_read_with_the_thousands_space_and_kr(town, client):
    """Outside drafting the contribution rows are read, and a report's used money likewise."""
    from term import services as term_services

    case = town.active()
    agreement = case.agreement
    Contribution.objects.filter(agreement=agreement, party=Party.MUNICIPALITY).update(
        amount_sek=250000, in_kind_value_sek=12500
    )
    client.force_login(town.handlaggare)
    page = client.get(reverse("admin:agreements_agreement_change", args=[agreement.pk]))
    html = page.content.decode()
    assert "250\u00a0000\u00a0kr" in html and "12\u00a0500\u00a0kr" in html
    assert 'name="contributions-0-amount_sek"' not in html

    report = term_services.report_submit(
        report_date=agreement.report_dates.earliest("due_date"),
        by=town.member,
        activities_done="Träffar varje vecka.",
        participants_reached=40,
        money_used={c.pk: 125000 for c in agreement.contributions.filter(party=Party.MUNICIPALITY)},
    )
    page = client.get(reverse("admin:term_followupreport_change", args=[report.pk]))
    html = page.content.decode()
    assert "125\u00a0000\u00a0kr" in html
    # The organisation's member is named, not linked to an account page staff cannot open.
    assert town.member.get_full_name() in html and "/admin/accounts/user/" not in html


def test_admin_amounts_stay_editable_numbers_while_drafting(town, client):
    agreement = drafted(town)
    client.force_login(town.handlaggare)
    html = client.get(reverse("admin:agreements_agreement_change", args=[agreement.pk])).content
    assert b'name="contributions-0-amount_sek"' in html
