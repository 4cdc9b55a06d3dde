"""The partnership's end on the admin case page: the early termination (uppsägning), the
evaluation's judgements per goal, and the renewal's links both ways."""

from django import forms
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.fields import model_formfield
from core.records import related_or_none
from initiatives import extensions
from initiatives.models import Initiative, Status

from . import permissions, termination_services
from .models import EvaluationGoal, Termination


class TerminationForm(forms.Form):
    reason = model_formfield(Termination, "reason", label=gettext_lazy("Skäl till uppsägningen"))
    date = model_formfield(
        Termination,
        "ends_on",
        label=gettext_lazy("Avtalet upphör"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    repayment_sek = model_formfield(
        Termination,
        "repayment_sek",
        label=gettext_lazy("Belopp att betala tillbaka (kr)"),
        help_text=gettext_lazy("Bara där avtalets punkt om återbetalning gäller."),
    )


def _terminate(*, initiative, by, **fields):
    return termination_services.agreement_terminate(agreement=initiative.agreement, by=by, **fields)


def _context(*, request, case, handles):
    # Each read only where the case's status can have it, so earlier stages pay nothing.
    status = case.status
    agreement = (
        related_or_none(case, "agreement") if status in (Status.ACTIVE, Status.TERMINATED) else None
    )
    termination = (
        related_or_none(agreement, "termination")
        if agreement is not None and status == Status.TERMINATED
        else None
    )
    evaluation = related_or_none(case, "evaluation") if status == Status.CLOSED else None
    renewals = (
        list(Initiative.objects.filter(renews=case).only("pk", "diarienummer", "title"))
        if evaluation is not None
        else []
    )
    renews = case.renews if case.renews_id else None
    terminate = (
        handles
        and agreement is not None
        and status == Status.ACTIVE
        and permissions.can_terminate(request.user, case)
    )
    if not (terminate or termination or evaluation or renewals or renews):
        return None
    return {
        "terminate": terminate,
        "termination": termination,
        "evaluation": evaluation,
        "goals": list(EvaluationGoal.objects.filter(evaluation=evaluation).select_related("goal"))
        if evaluation
        else [],
        "renewals": renewals,
        "renews": renews,
    }


def _urls(case_admin):
    def termination_view(request, pk):
        case = case_admin.get_scoped_object(request, pk)
        if related_or_none(case, "agreement") is None:
            allowed = _nobody
        else:
            allowed = permissions.can_terminate
        return case_admin.case_form_view(
            request,
            case,
            allowed=allowed,
            form=TerminationForm(request.POST or None),
            service=_terminate,
            title=_("Säg upp avtalet"),
            done=_("Uppsägningen är registrerad och organisationen har fått besked."),
        )

    return [
        path(
            "<int:pk>/uppsagning/",
            case_admin.wrap(termination_view),
            name="initiatives_initiative_termination",
        )
    ]


def _nobody(user, case) -> bool:
    return False


PART = extensions.CasePagePart(template="admin/term/end_part.html", context=_context, urls=_urls)
