"""Rules the services keep however a change comes in: the admin, a link, the ORM or SQL."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


# --- Low: the tjänsteutlåtande of a case that has not been assessed -----------------------------


def test_a_tjansteutlatande_without_an_assessment_is_refused_with_a_message(client, town):
    """It answered 500 when the document was built live from the assessment the case lacks."""
    case = town.submitted()
    url = reverse("admin:initiatives_initiative_tjansteutlatande", args=[case.pk])
    client.force_login(town.secretary)
    response = client.get(url)
    assert response.status_code == 302
    assert response.url == reverse("admin:initiatives_initiative_change", args=[case.pk])
    page = client.get(response.url).content.decode()
    assert "Ärendet har inget tjänsteutlåtande ännu." in page


def test_the_command_refuses_a_tjansteutlatande_without_an_assessment(town, tmp_path):
    from django.core.management import CommandError, call_command

    case = town.submitted()
    with pytest.raises(CommandError, match="inget tjänsteutlåtande"):
        call_command("tjansteutlatande", case.diarienummer, output=str(tmp_path / "tu.pdf"))
    assert not (tmp_path / "tu.pdf").exists()


# --- Low: an invitation link is bound to the invited address ---------------------------------


def test_an_invitation_is_accepted_only_by_the_account_with_the_invited_address(client, town):
    """Any logged-in account holding the link could accept it and act for the organisation."""
    from django.core.exceptions import ValidationError

    from organisations import member_services, permissions
    from organisations.models import Invitation

    from .. import factories

    invitation = member_services.member_invite(
        organisation=town.org, by=town.member, email="Inbjuden@Example.org", role="kontaktperson"
    )
    url = reverse("initiatives:invitation", args=[invitation.token])
    stranger = factories.user("framling")
    with pytest.raises(ValidationError) as refused:
        member_services.invitation_accept(token=invitation.token, by=stranger)
    assert refused.value.code == "other_address"
    client.force_login(stranger)
    page = client.get(url)
    assert page.status_code == 400
    assert "Inbjudan skickades till en annan e-postadress" in page.content.decode()
    assert "Tacka ja" not in page.content.decode()
    assert client.post(url).status_code == 400
    assert not permissions.is_member(stranger, town.org)
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is None

    invited = factories.user("inbjuden")  # inbjuden@example.org
    client.force_login(invited)
    response = client.post(url)
    assert response.status_code == 302
    assert permissions.membership_role(invited, town.org) == "kontaktperson"


def test_an_unconfirmed_address_does_not_accept_an_invitation(town):
    from django.core.exceptions import ValidationError

    from organisations import member_services

    from .. import factories

    unconfirmed = factories.user("obekraftad", email_verified=False)
    invitation = member_services.member_invite(
        organisation=town.org, by=town.member, email=unconfirmed.email, role="kontaktperson"
    )
    with pytest.raises(ValidationError) as refused:
        member_services.invitation_accept(token=invitation.token, by=unconfirmed)
    assert refused.value.code == "other_address"


# --- Low: a registered case's status history and diary cannot be deleted ---------------------


@pytest.mark.parametrize("model_name", ["StatusChange", "DiaryEntry"])
def test_a_registered_cases_records_cannot_be_deleted_by_anyone(town, model_name):
    """The model, its queryset and the database each refuse: a raw DELETE passed before."""
    from django.db import IntegrityError, connection, transaction
    from django.db.models import ProtectedError

    from initiatives import models

    model = getattr(models, model_name)
    case = town.submitted()
    rows = model.objects.filter(initiative=case)
    count = rows.count()
    assert count >= 1
    with pytest.raises(ProtectedError):
        rows.first().delete()
    with pytest.raises(ProtectedError):
        rows.delete()
    with pytest.raises(ProtectedError):
        rows.update(initiative=case)
    with pytest.raises(IntegrityError), transaction.atomic():
        rows._raw_delete(rows.db)
    # The table name comes from the model, not from input.
    delete = f"DELETE FROM {model._meta.db_table} WHERE initiative_id = %s"  # noqa: S608
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(delete, [case.pk])
    assert model.objects.filter(initiative=case).count() == count


# --- Low: organisation changes in the admin go through the services ---------------------------


def change_form_post(response, **changes):
    """What the admin's change page posts unchanged, as its context holds it, with `changes`."""
    data = {}

    def add(form):
        for name, field in form.fields.items():
            if field.disabled:
                continue
            value = form.initial.get(name, field.initial)
            if callable(value):
                value = value()
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = "on" if value is True else getattr(value, "pk", value)

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management.initial.get(name, "")
        for form in formset.forms:
            add(form)
    return data | changes


def _admin_page(client, organisation):
    return client.get(reverse("admin:organisations_organisation_change", args=[organisation.pk]))


def _membership_prefix(response, user):
    formset = next(
        inline.formset
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model.__name__ == "Membership"
    )
    form = next(f for f in formset.forms if f.instance.user_id == user.pk)
    return formset.prefix, form.prefix


def test_the_admin_keeps_the_organisationsnummer_lock(client, town):
    """With the change permission, staff rewrote the number a registered case names."""
    from django.contrib.auth.models import Permission

    town.submitted()
    town.handlaggare.user_permissions.add(Permission.objects.get(codename="change_organisation"))
    client.force_login(town.handlaggare)
    before = town.org.org_number
    page = _admin_page(client, town.org)
    response = client.post(
        page.request["PATH_INFO"], change_form_post(page, org_number="802016-3294")
    )
    assert response.status_code == 200
    assert (
        "Bara en administratör kan rätta"
        in response.context["adminform"].form.errors["org_number"][0]
    )
    town.org.refresh_from_db()
    assert town.org.org_number == before
    # A superuser corrects a wrong number; the history records who did.
    client.force_login(town.superuser)
    page = _admin_page(client, town.org)
    response = client.post(
        page.request["PATH_INFO"], change_form_post(page, org_number="8020163294")
    )
    assert response.status_code == 302
    town.org.refresh_from_db()
    assert town.org.org_number == "802016-3294"
    assert town.org.history.latest("history_date").history_user == town.superuser


def test_a_superuser_edits_the_profile_through_the_service(client, town):
    client.force_login(town.superuser)
    page = _admin_page(client, town.org)
    response = client.post(page.request["PATH_INFO"], change_form_post(page, bankgiro="50501055"))
    assert response.status_code == 302
    town.org.refresh_from_db()
    assert town.org.bankgiro == "5050-1055"  # written the usual way, as organisation_update does
    assert town.org.history.latest("history_date").history_user == town.superuser


@pytest.mark.parametrize("change", ["role", "end"])
def test_the_admin_keeps_the_last_firmatecknare(client, town, change):
    from organisations import permissions

    client.force_login(town.superuser)
    page = _admin_page(client, town.org)
    _formset, prefix = _membership_prefix(page, town.member)
    edit = {f"{prefix}-role": "kontaktperson"} if change == "role" else {f"{prefix}-end": "on"}
    response = client.post(page.request["PATH_INFO"], change_form_post(page, **edit))
    assert response.status_code == 200
    assert "minst en firmatecknare" in response.content.decode()
    assert permissions.membership_role(town.member, town.org) == "firmatecknare"


def test_the_admin_adds_members_through_the_service_and_never_staff(client, town):
    from organisations import permissions

    from .. import factories

    newcomer = factories.user("pappersmedlem")
    client.force_login(town.superuser)
    page = _admin_page(client, town.org)
    formset, _prefix = _membership_prefix(page, town.member)
    data = change_form_post(page)
    row = int(data[f"{formset}-TOTAL_FORMS"])
    for user, expected in ((town.handlaggare, 200), (newcomer, 302)):
        post = data | {
            f"{formset}-TOTAL_FORMS": str(row + 1),
            f"{formset}-{row}-user": str(user.pk),
            f"{formset}-{row}-role": "firmatecknare",
        }
        assert client.post(page.request["PATH_INFO"], post).status_code == expected
    assert not permissions.is_member(town.handlaggare, town.org)
    assert permissions.membership_role(newcomer, town.org) == "firmatecknare"
    # Now that there are two, one firmatecknare can end; the organisation keeps the other.
    page = _admin_page(client, town.org)
    _formset, prefix = _membership_prefix(page, town.member)
    response = client.post(
        page.request["PATH_INFO"], change_form_post(page, **{f"{prefix}-end": "on"})
    )
    assert response.status_code == 302
    assert not permissions.is_member(town.member, town.org)
