"""Who may see and do what with a case: the one policy that views, admin and selectors ask.

The later stages' policies (assessments, agreements, decisions, term) build on this one; it
never asks them.
"""

from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts.permissions import is_active_user, is_staff_member, sees_every_forvaltning
from organisations.models import Membership, Organisation
from organisations.permissions import is_member, membership_role

from .models import ENDED_STATUSES, Initiative, Status


def initiatives_visible(user, queryset: QuerySet | None = None) -> QuerySet:
    """Return the cases `user` may see.

    Organisation users see their own organisations' cases, drafts included. Staff see the
    registered cases of their own förvaltning; a draft is not a document of the municipality
    until it is submitted, so staff never see one. Superusers see every registered case.
    """
    qs = Initiative.objects.all() if queryset is None else queryset
    if not is_active_user(user):
        return qs.none()
    if sees_every_forvaltning(user):
        return qs.exclude(status=Status.DRAFT)
    if user.is_staff:
        if user.forvaltning_id is None:
            return qs.none()
        return qs.filter(forvaltning_id=user.forvaltning_id).exclude(status=Status.DRAFT)
    # Both conditions in one filter() so that they apply to the same membership row.
    return qs.filter(
        organisation__membership__user=user, organisation__membership__ended_at__isnull=True
    )


def staff_organisations(user) -> QuerySet:
    """The organisations of the cases a staff member sees (organisations.cases asks for them)."""
    # EXISTS rather than a join with DISTINCT: the join read every visible case and then sorted
    # the organisations' rows to drop the repeats (three such statements, 80 ms each, on the
    # organisations' list at 100 000 cases).
    cases = initiatives_visible(user, Initiative.objects.filter(organisation=OuterRef("pk")))
    return Organisation.objects.filter(Exists(cases))


def can_edit_initiative(user, initiative: Initiative) -> bool:
    """Organisation members edit their own drafts; nobody edits a submitted initiative here."""
    return (
        initiative.status == Status.DRAFT
        and user.is_authenticated
        and is_member(user, initiative.organisation)
    )


def can_submit_initiative(user, initiative: Initiative) -> bool:
    """Only a current firmatecknare of the case's organisation sends a draft in: submitting
    commits the organisation, which a kontaktperson may not do."""
    return initiative.status == Status.DRAFT and (
        membership_role(user, initiative.organisation) == Membership.Role.FIRMATECKNARE
    )


def can_attach(user, initiative: Initiative) -> bool:
    """The organisation's members add files to their case at any stage (a draft's attachments,
    supplements, reports); staff handling the case add theirs. A closed case takes no more."""
    if initiative.status in ENDED_STATUSES or not user.is_authenticated:
        return False
    if can_handle_case(user, initiative):
        return True
    return is_member(user, initiative.organisation)


def can_handle_case(user, initiative: Initiative) -> bool:
    """Staff of the addressed förvaltning (and superusers) work on a registered case."""
    if initiative.status == Status.DRAFT or not is_staff_member(user):
        return False
    return sees_every_forvaltning(user) or user.forvaltning_id == initiative.forvaltning_id


def can_register_cases(user) -> bool:
    """Staff register cases that came in by other ways for their own förvaltning; a superuser
    for any. (The admin also asks for the right to change cases.)"""
    return sees_every_forvaltning(user) or user.forvaltning_id is not None


def can_register_for(user, forvaltning) -> bool:
    """Whether `user` (staff) registers a case in `forvaltning`'s diary."""
    return sees_every_forvaltning(user) or forvaltning.pk == user.forvaltning_id


def staff_scope(user, case_path: str = "initiative") -> Q:
    """Filter for rows of other apps that belong to a case; `case_path` leads to the case."""
    if sees_every_forvaltning(user):
        return Q()
    if is_staff_member(user) and user.forvaltning_id:
        return Q(**{f"{case_path}__forvaltning_id": user.forvaltning_id})
    return Q(pk__in=[])


def is_case_member(user, initiative: Initiative) -> bool:
    """Whether the user has a membership, of any standing, in the case's organisation."""
    return bool(
        user.is_authenticated
        and Membership.objects.filter(
            user=user, organisation_id=initiative.organisation_id
        ).exists()
    )


def can_message(user, initiative: Initiative, *, member: bool | None = None) -> bool:
    """Both sides write on a submitted case until it is closed; a draft has no one to read it.

    `member` is is_case_member(user, initiative) when the caller already knows it.
    """
    if initiative.status == Status.DRAFT or initiative.status in ENDED_STATUSES:
        return False
    if can_handle_case(user, initiative):
        return True
    return is_case_member(user, initiative) if member is None else member
