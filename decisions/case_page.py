"""The nämnd's part of the admin case page: the decision documents, recording the decision; and
the timeline's entries for decisions."""

from collections.abc import Iterable

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.fields import model_formfield
from core.records import related_or_none
from core.responses import pdf_response
from initiatives import extensions
from initiatives.models import Initiative, Status
from initiatives.timeline import Event

from . import extensions as decision_extensions
from . import (
    permissions,
    selectors,
    services,
    tjansteutlatande_case_page,
    tjansteutlatande_services,
)
from .models import Decision


class DecisionForm(forms.Form):
    meeting_date = model_formfield(
        Decision,
        "meeting_date",
        label=gettext_lazy("Sammanträdesdatum"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    paragraph = model_formfield(Decision, "paragraph", label=gettext_lazy("Paragraf (§)"))
    outcome = forms.ChoiceField(label=gettext_lazy("Utfall"), choices=Decision.Outcome.choices)
    decision_text = model_formfield(
        Decision, "decision_text", label=gettext_lazy("Nämndens beslut"), help_text=""
    )
    decision_process = model_formfield(
        Decision, "decision_process", label=gettext_lazy("Beslutsgång"), required=False
    )
    adjusted_immediately = forms.BooleanField(
        label=gettext_lazy("Paragrafen justerades omedelbart"), required=False
    )


def _context(*, request, case, handles):
    user = request.user
    tu = selectors.tjansteutlatande_current(initiative=case)
    return {
        "export": permissions.can_export_documents(user, case),
        "tu": tu,
        "tu_write": permissions.can_write_tjansteutlatande(user, case),
        "tu_can_start": tu is None
        and case.status in tjansteutlatande_services.WRITABLE_STATUSES
        and related_or_none(case, "assessment") is not None,
        "tu_approve": tu is not None
        and tu.status == tu.Status.GRANSKNING
        and permissions.is_tjansteutlatande_signatory(user, case),
        "tu_approvals": list(tu.godkannanden.all()) if tu else [],
        "record": permissions.can_record_decision(request.user, case)
        and case.status == Status.DECISION,
        "decisions": list(case.decisions.select_related("namnd")),
    }


def _urls(case_admin):
    def protokollsutdrag_view(request, pk, decision_pk):
        case = case_admin.get_scoped_object(request, pk)
        if not permissions.can_export_documents(request.user, case):
            raise PermissionDenied
        decision = get_object_or_404(Decision, pk=decision_pk, initiative=case)
        pdf = decision_extensions.protokollsutdrag_document(decision=decision)
        return pdf_response(
            pdf, filename=f"protokollsutdrag-{case.diarienummer}-p{decision.paragraph}.pdf"
        )

    def decision_view(request, pk):
        return case_admin.case_form_view(
            request,
            case_admin.get_scoped_object(request, pk),
            allowed=permissions.can_record_decision,
            form=DecisionForm(
                request.POST or None,
                initial={
                    "meeting_date": timezone.localdate(),
                    "outcome": Decision.Outcome.APPROVED,
                },
            ),
            service=services.decision_record,
            title=_("Registrera nämndens beslut"),
            done=_("Nämndens beslut är registrerat."),
        )

    wrap = case_admin.wrap
    return [
        *tjansteutlatande_case_page.urls(case_admin),
        path("<int:pk>/beslut/", wrap(decision_view), name="initiatives_initiative_decision"),
        path(
            "<int:pk>/beslut/<int:decision_pk>/protokollsutdrag.pdf",
            wrap(protokollsutdrag_view),
            name="initiatives_initiative_protokollsutdrag",
        ),
    ]


PART = extensions.CasePagePart(
    template="admin/decisions/case_part.html", context=_context, urls=_urls
)


def timeline_events(initiative: Initiative) -> Iterable[Event]:
    for decision in Decision.objects.filter(initiative=initiative).select_related("namnd"):
        yield Event(
            decision.meeting_date,
            "decision",
            _("%(namnd)s beslutade: %(outcome)s (§ %(paragraph)s)")
            % {
                "namnd": decision.namnd.name,
                "outcome": decision.get_outcome_display(),
                "paragraph": decision.paragraph,
            },
        )
