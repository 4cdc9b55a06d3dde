"""The agreement's parts of the case: its buttons on the admin case page, the organisation's link
to the draft, and the timeline's entry for it."""

from collections.abc import Iterable

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from core.records import related_or_none
from initiatives import extensions
from initiatives.models import Initiative, Status
from initiatives.timeline import Event, local_date

from . import amendment_page, amendment_services, permissions, services

# From signing on, the case's records (term.detail_page) link the agreement itself.
DRAFT_STATUSES = {Status.AGREEMENT, Status.DECISION}


def _context(*, request, case, handles):
    agreement = related_or_none(case, "agreement")
    in_drafting = handles and case.status == Status.AGREEMENT
    return {
        "create": in_drafting and agreement is None,
        "agreement": agreement,
        "submit_for_decision": in_drafting and agreement is not None,
        "amend": handles and agreement is not None and case.status == Status.ACTIVE,
        "amendments": (
            list(agreement.amendments.select_related("version"))
            if agreement is not None and case.status in {Status.ACTIVE, Status.CLOSED}
            else []
        ),
        "new_decision_notice": amendment_services.NEW_DECISION_NOTICE,
    }


def create_agreement(*, request, case):
    agreement = services.agreement_create_draft(initiative=case, by=request.user)
    messages.success(request, _("Ett avtalsutkast är skapat från ärendets uppgifter."))
    return HttpResponseRedirect(reverse("admin:agreements_agreement_change", args=[agreement.pk]))


def submit_for_decision(*, request, case):
    services.agreement_submit_for_decision(agreement=case.agreement, by=request.user)
    messages.success(request, _("Ärendet ligger nu för beslut i nämnden."))
    return HttpResponseRedirect(reverse("admin:initiatives_initiative_change", args=[case.pk]))


PART = extensions.CasePagePart(
    template="admin/agreements/case_part.html",
    context=_context,
    urls=amendment_page.urls,
    actions={"create_agreement": create_agreement, "submit_for_decision": submit_for_decision},
)


def may_read_agreement(request, case, *, member) -> bool:
    """Whether the agreement page (the organisation's, agreements:draft) lets this user in: a
    staff account viewing the organisation's case page is shown no link that answers 404."""
    return member and permissions.can_comment_on_agreement(request.user, case)


def _draft_link(*, request, case, member):
    # The organisation reads the draft while it is worked on and until it is signed.
    if case.status not in DRAFT_STATUSES or not may_read_agreement(request, case, member=member):
        return None
    return {}


DETAIL_PART = extensions.CaseDetailPart(
    template="agreements/case_detail_part.html",
    context=_draft_link,
    placement="after_initiative",
)


def _amendments(*, request, case, member):
    # The changes made during the term, and a link to the agreement as it now stands.
    agreement = related_or_none(case, "agreement")
    if agreement is None or case.status not in {Status.ACTIVE, Status.CLOSED}:
        return None
    amendments = list(agreement.amendments.all())
    if not amendments:
        return None
    return {
        "amendments": amendments,
        "notice": amendment_services.NEW_DECISION_NOTICE,
        "agreement_link": may_read_agreement(request, case, member=member),
    }


AMENDMENTS_PART = extensions.CaseDetailPart(
    template="agreements/amendments_part.html", context=_amendments
)


def timeline_events(initiative: Initiative) -> Iterable[Event]:
    agreement = related_or_none(initiative, "agreement")
    if agreement is not None:
        yield Event(
            local_date(agreement.created_at), "agreement", _("Förvaltningen upprättade ett avtal")
        )
        for amendment in agreement.amendments.all():
            yield Event(
                local_date(amendment.created_at),
                "agreement_amendment",
                _("Avtalet ändrades (ändring %(n)s)") % {"n": amendment.number},
            )
