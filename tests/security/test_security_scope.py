"""The staff interface keeps its scope on every page, the library's history pages included."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from agreements.models import Agreement, AgreementTemplate
from assessments.models import Assessment
from initiatives.models import Initiative, Status
from organisations.models import Organisation
from organisations.services import PROFILE_FIELDS

pytestmark = pytest.mark.django_db

NEW_BANKGIRO = "5050-1055"
REFUSED = (403, 404, 405)


def version_url(obj, history_id=None):
    opts = obj._meta
    if history_id is None:
        history_id = obj.history.latest("history_date").history_id
    return reverse(
        f"admin:{opts.app_label}_{opts.model_name}_simple_history", args=[obj.pk, history_id]
    )


def history_url(obj):
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_history", args=[obj.pk])


def profile_post(organisation, **changes):
    """What the per-version form of an organisation posts: its profile, with `changes`."""
    data = {}
    for name in PROFILE_FIELDS:
        value = getattr(organisation, name)
        data[name] = "" if value is None else str(value)
    return data | changes


def history_rows(obj) -> int:
    return type(obj).history.filter(**{obj._meta.pk.attname: obj.pk}).count()


# --- Finding 1: the per-version view wrote the object --------------------------------------------


@pytest.mark.parametrize("who", ["handlaggare", "handlaggare_amf", "superuser"])
def test_a_post_to_an_organisations_version_changes_nothing(client, town, who):
    """Critical finding 1: as a handläggare of another förvaltning (here handlaggare_amf, who
    sees no case of the organisation), a POST with the profile and a new bankgiro to the
    per-version view answered 302 and changed the bankgiro. Reverting is off for everyone."""
    town.submitted()  # the organisation is in the SOF staff's scope, not AMF's
    organisation = town.org
    before = history_rows(organisation)
    client.force_login(getattr(town, who))
    response = client.post(
        version_url(organisation), profile_post(organisation, bankgiro=NEW_BANKGIRO)
    )
    assert response.status_code in REFUSED
    organisation.refresh_from_db()
    assert organisation.bankgiro != NEW_BANKGIRO
    assert history_rows(organisation) == before


def test_a_post_to_the_standard_templates_version_changes_nothing(client, town):
    """The standard agreement template is read-only for handläggare; the per-version view
    saved it anyway (its save_model is the admin's default), even as their own."""
    template = AgreementTemplate.objects.create(name="Standardmall", forvaltning=None)
    client.force_login(town.handlaggare)
    response = client.post(
        version_url(template), {"name": "Kapad mall", "forvaltning": str(town.sof.pk)}
    )
    assert response.status_code in REFUSED
    template.refresh_from_db()
    assert (template.name, template.forvaltning) == ("Standardmall", None)


def test_a_post_to_a_cases_version_changes_nothing(client, town):
    case = town.submitted()
    client.force_login(town.superuser)
    response = client.post(version_url(case), {"title": "Ny rubrik"})
    assert response.status_code in REFUSED
    case.refresh_from_db()
    assert case.title != "Ny rubrik"


# --- Finding 2: every version of everything was readable -----------------------------------------


def _objects(town):
    case = town.for_decision()
    return {
        "initiative": case,
        "assessment": Assessment.objects.get(initiative=case),
        "agreement": Agreement.objects.get(initiative=case),
        "organisation": case.organisation,
        "agreementtemplate": AgreementTemplate.objects.create(
            name="SOF-mall", forvaltning=town.sof
        ),
    }


@pytest.mark.parametrize(
    "model", ["initiative", "assessment", "agreement", "organisation", "agreementtemplate"]
)
def test_history_pages_of_another_forvaltnings_objects_answer_404(client, town, model):
    """High finding 2: the per-version view answered 200 for another förvaltning's objects."""
    obj = _objects(town)[model]
    client.force_login(town.handlaggare)
    assert client.get(version_url(obj)).status_code == 200
    assert client.get(history_url(obj)).status_code == 200
    client.force_login(town.handlaggare_amf)
    assert client.get(version_url(obj)).status_code == 404
    assert client.get(history_url(obj)).status_code == 404


def test_a_version_is_shown_read_only(client, town):
    case = town.submitted()
    organisation = case.organisation
    for user in (town.handlaggare, town.superuser):
        client.force_login(user)
        page = client.get(version_url(organisation)).content.decode()
        assert organisation.contact_email in page
        assert 'name="bankgiro"' not in page and 'name="_save"' not in page
        page = client.get(version_url(case)).content.decode()
        assert case.title in page and 'name="_save"' not in page


@pytest.mark.parametrize("who", ["handlaggare", "superuser"])
def test_staff_never_see_a_draft_or_its_versions(client, town, who):
    draft = town.draft(title="Hemligt utkast")
    case = town.submitted(title="Inskickat")
    draft_version = case.history.filter(status=Status.DRAFT).latest("history_date")
    submitted_version = case.history.exclude(status=Status.DRAFT).latest("history_date")
    client.force_login(getattr(town, who))
    assert client.get(history_url(draft)).status_code == 404
    assert client.get(version_url(draft)).status_code == 404
    assert client.get(version_url(case, draft_version.history_id)).status_code == 404
    assert client.get(version_url(case, submitted_version.history_id)).status_code == 200
    listing = client.get(history_url(case))
    assert listing.status_code == 200
    assert version_url(case, draft_version.history_id) not in listing.content.decode()
    assert version_url(case, submitted_version.history_id) in listing.content.decode()


def test_a_version_of_another_object_is_not_found_under_this_ones_url(client, town):
    """A history id belongs to one object: pairing it with another object's pk finds nothing."""
    case = town.submitted()
    other = town.submitted(title="Annat ärende")
    client.force_login(town.handlaggare)
    other_version = other.history.latest("history_date").history_id
    assert client.get(version_url(case, other_version)).status_code == 404


def test_initiative_and_organisation_are_still_history_tracked():
    # If a model stopped being tracked, the tests above would pass for the wrong reason.
    assert hasattr(Initiative, "history") and hasattr(Organisation, "history")


# --- One mechanism for every admin ---------------------------------------------------------------


def test_every_admin_keeps_its_scope_on_its_object_pages():
    """The portal's admins and the libraries' (auth's Group, django-axes) all have the scoped
    object pages; a new one that forgets the base class gets them when it is registered."""
    from django.contrib import admin
    from simple_history.admin import SimpleHistoryAdmin

    from core.admin import ScopedAdminMixin, ScopedHistoryMixin
    from iop_portal.admin_site import PortalAdminSite

    assert isinstance(admin.site, PortalAdminSite)
    for model, model_admin in admin.site._registry.items():
        assert isinstance(model_admin, ScopedAdminMixin), model
        if isinstance(model_admin, SimpleHistoryAdmin):
            assert isinstance(model_admin, ScopedHistoryMixin), model
        assert model_admin.view_on_site is False, model

    site = PortalAdminSite(name="check")
    site.register(AgreementTemplate, SimpleHistoryAdmin)
    site.register(Organisation)
    assert isinstance(site._registry[AgreementTemplate], ScopedHistoryMixin)
    assert isinstance(site._registry[Organisation], ScopedAdminMixin)


def test_reverting_from_history_is_switched_off(settings):
    assert settings.SIMPLE_HISTORY_REVERT_DISABLED is True


# --- Low findings: history of records, the view-on-site shortcut -------------------------------


def _message_and_report(town):
    from agreements.models import ReportDate
    from initiatives import message_services
    from term import services as term_services

    case = town.active()
    message = message_services.message_send(initiative=case, by=town.member, body="Hej")
    report_date = ReportDate.objects.filter(agreement__initiative=case).earliest("due_date")
    contributions = report_date.agreement.contributions.filter(party="municipality")
    report = term_services.report_submit(
        report_date=report_date,
        by=town.member,
        activities_done="Läxhjälp.",
        participants_reached=3,
        money_used={c.pk: 1000 for c in contributions},
    )
    return case, message, report


def test_out_of_scope_history_of_messages_and_reports_answers_404(client, town):
    """It redirected to /admin/ with a message, unlike every other out-of-scope page."""
    case, message, report = _message_and_report(town)
    pages = [
        reverse("admin:initiatives_casemessage_history", args=[message.pk]),
        reverse("admin:term_followupreport_history", args=[report.pk]),
        reverse("admin:decisions_decision_history", args=[case.decisions.get().pk]),
    ]
    client.force_login(town.handlaggare)
    assert [client.get(url).status_code for url in pages] == [200, 200, 200]
    client.force_login(town.handlaggare_amf)
    assert [client.get(url).status_code for url in pages] == [404, 404, 404]


def test_malformed_object_ids_answer_404_not_500(client, town):
    client.force_login(town.handlaggare)
    for url in (
        "/admin/initiatives/initiative/abc/change/",
        "/admin/initiatives/initiative/abc/history/",
        "/admin/initiatives/initiative/abc/history/1/",
        "/admin/organisations/organisation/1/history/abc/",
        "/admin/initiatives/casemessage/abc/history/",
    ):
        assert client.get(url).status_code == 404, url


def test_the_view_on_site_shortcut_does_not_tell_whether_a_case_exists(client, town):
    """/admin/r/<ct>/<id>/ redirected for an existing case and answered 404 for a missing one,
    whoever asked; it is switched off, so both answer 404."""
    from django.contrib.contenttypes.models import ContentType
    from django.urls import NoReverseMatch

    case = town.submitted()
    content_type = ContentType.objects.get_for_model(Initiative)
    client.force_login(town.handlaggare_amf)
    existing = client.get(f"/admin/r/{content_type.pk}/{case.pk}/")
    missing = client.get(f"/admin/r/{content_type.pk}/{case.pk + 1000}/")
    assert existing.status_code == missing.status_code == 404
    with pytest.raises(NoReverseMatch):
        reverse("admin:view_on_site", args=[content_type.pk, case.pk])
    client.force_login(town.handlaggare)
    page = client.get(reverse("admin:initiatives_initiative_change", args=[case.pk]))
    assert page.status_code == 200 and "/admin/r/" not in page.content.decode()


# --- Finding 3: paper registration offered every organisation ------------------------------------


def registration(**overrides):
    return {
        "received_on": (timezone.localdate() - datetime.timedelta(days=2)).isoformat(),
        "received_via": "post",
        "title": "Läsfrämjande på biblioteket",
        "challenge": "Barn läser allt mindre.",
        "activity": "Högläsning varje lördag.",
    } | overrides


@pytest.fixture
def register_url():
    return reverse("admin:initiatives_initiative_register")


def test_paper_registration_lists_no_organisations(client, town, register_url):
    """Medium finding 3: the form offered every organisation in the kommun in a list."""
    client.force_login(town.handlaggare)
    page = client.get(register_url).content.decode()
    assert town.other_org.name not in page and town.org.name not in page
    assert town.other_org.org_number not in page


def test_paper_registration_finds_an_organisation_only_by_its_exact_number(
    client, town, register_url
):
    client.force_login(town.handlaggare)
    # The old form posted the organisation's id: that names nothing now.
    response = client.post(register_url, registration(organisation=str(town.other_org.pk)))
    assert response.status_code == 200
    assert response.context["form"].errors["organisation"]
    # A part of a number, or a number nobody has, finds nothing and says so.
    for partial in (town.other_org.org_number[:6], "802016-3294"):
        response = client.post(register_url, registration(organisation=partial))
        assert response.status_code == 200 and response.context["form"].errors["organisation"]
    assert not Initiative.objects.filter(title="Läsfrämjande på biblioteket").exists()
    # The exact number, with or without the dash, registers the case for that organisation.
    digits = town.other_org.org_number.replace("-", "")
    response = client.post(register_url, registration(organisation=digits))
    assert response.status_code == 302
    case = Initiative.objects.get(title="Läsfrämjande på biblioteket")
    assert case.organisation == town.other_org and case.forvaltning == town.sof


def test_paper_registration_refuses_an_existing_number_and_new_details_together(
    client, town, register_url
):
    client.force_login(town.handlaggare)
    data = registration(organisation=town.org.org_number, name="Ny förening")
    response = client.post(register_url, data)
    assert "inte båda" in response.context["form"].errors["organisation"][0]
    assert "Ny förening" in response.content.decode()  # what was typed is kept
    assert not Initiative.objects.filter(title="Läsfrämjande på biblioteket").exists()


def test_the_user_autocomplete_is_refused_to_handlaggare_and_scoped(client, town):
    """The membership inline's user autocomplete would list accounts: a handläggare may not
    ask it, and staff given the right to see accounts find only their own förvaltning's."""
    from django.contrib.auth.models import Permission

    url = reverse("admin:autocomplete")
    query = {"app_label": "organisations", "model_name": "membership", "field_name": "user"}
    client.force_login(town.handlaggare)
    assert client.get(url, query | {"term": "a"}).status_code == 403
    town.handlaggare.user_permissions.add(Permission.objects.get(codename="view_user"))
    town.handlaggare.refresh_from_db()
    client.force_login(town.handlaggare)
    found = {row["text"] for row in client.get(url, query | {"term": ""}).json()["results"]}
    assert str(town.colleague) in found
    assert str(town.member) not in found and str(town.handlaggare_amf) not in found
