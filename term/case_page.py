"""The term's parts of the case: reports and the evaluation on the admin case page, the report
dates on the organisation's page and list, the staff start page's dates, and the timeline."""

from collections.abc import Iterable

from django import forms
from django.db.models import F, OuterRef, Q, Subquery
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements.models import Agreement, AgreementGoal, ReportDate
from core.fields import model_formfield
from core.records import related_or_none
from initiatives import extensions
from initiatives import permissions as case_permissions
from initiatives.models import Initiative, Status
from initiatives.timeline import Event, local_date

from . import admin_review, permissions, report_selectors, services
from .models import Evaluation, EvaluationGoal


class EvaluationForm(forms.Form):
    """The evaluation: one judgement per goal of the agreement, then what was learnt."""

    no_final_report_reason = model_formfield(
        Evaluation,
        "no_final_report_reason",
        label=gettext_lazy("Skäl till att slutrapport saknas"),
        help_text=gettext_lazy("Fyll bara i om slutrapporten inte har kommit in."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    goal_fulfilment = model_formfield(
        Evaluation, "goal_fulfilment", label=gettext_lazy("Måluppfyllelse i övrigt")
    )
    what_worked = model_formfield(
        Evaluation, "what_worked", label=gettext_lazy("Framgångsfaktorer")
    )
    what_did_not_work = model_formfield(
        Evaluation, "what_did_not_work", label=gettext_lazy("Brister")
    )
    knowledge_gained = model_formfield(
        Evaluation, "knowledge_gained", label=gettext_lazy("Kunskap som partnerskapet gett")
    )
    knowledge_sharing = model_formfield(
        Evaluation,
        "knowledge_sharing",
        label=gettext_lazy("Hur kunskapen tas till vara och sprids"),
    )
    outcome = forms.ChoiceField(
        label=gettext_lazy("Fortsättning"),
        choices=Evaluation.Outcome.choices,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "Förnya eller ändra öppnar ett nytt ärende för nästa period, som bedöms och "
            "beslutas på nytt."
        ),
    )

    def __init__(self, data=None, *, case=None):
        super().__init__(data)
        self.goal_ids = []
        goals = AgreementGoal.objects.filter(agreement__initiative=case) if case else ()
        fields = {}
        for goal in goals:
            self.goal_ids.append(goal.pk)
            described = " · ".join(filter(None, (goal.indicator, goal.target)))
            fields[f"goal_{goal.pk}"] = forms.ChoiceField(
                label=_("Mål %(n)s: %(goal)s") % {"n": goal.order, "goal": goal.goal},
                choices=EvaluationGoal.Judgement.choices,
                widget=forms.RadioSelect,
                help_text=described,
            )
            fields[f"goal_{goal.pk}_comment"] = model_formfield(
                EvaluationGoal,
                "comment",
                label=_("Kommentar till mål %(n)s") % {"n": goal.order},
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        # The goals first: they are what the agreement promised.
        self.fields = {
            "no_final_report_reason": self.fields.pop("no_final_report_reason"),
            **fields,
            **self.fields,
        }

    def clean(self):
        data = super().clean()
        data["goals"] = {
            pk: {
                "judgement": data.pop(f"goal_{pk}", ""),
                "comment": data.pop(f"goal_{pk}_comment", ""),
            }
            for pk in self.goal_ids
        }
        return data


# --- The admin case page ----------------------------------------------------------------------


def _context(*, request, case, handles):
    report_dates = report_selectors.with_review_state(
        ReportDate.objects.filter(agreement__initiative=case).select_related("follow_up_report")
    ).order_by("due_date")
    today = timezone.localdate()
    return {
        "evaluate": handles and case.status == Status.ACTIVE,
        "evaluation": related_or_none(case, "evaluation"),
        "report_dates": [
            (
                rd,
                report_selectors.status_of(rd, today=today),
                related_or_none(rd, "follow_up_report"),
            )
            for rd in report_dates
        ],
    }


def _urls(case_admin):
    def evaluation_view(request, pk):
        case = case_admin.get_scoped_object(request, pk)
        return case_admin.case_form_view(
            request,
            case,
            allowed=permissions.can_evaluate,
            form=EvaluationForm(request.POST or None, case=case),
            service=services.evaluation_record,
            title=_("Utvärdera partnerskapet"),
            done=_("Utvärderingen är registrerad och ärendet avslutat."),
        )

    def review_view(request, pk, report_pk):
        return admin_review.report_review_view(case_admin, request, pk, report_pk)

    return [
        path(
            "<int:pk>/utvardering/",
            case_admin.wrap(evaluation_view),
            name="initiatives_initiative_evaluation",
        ),
        path(
            "<int:pk>/rapport/<int:report_pk>/granska/",
            case_admin.wrap(review_view),
            name="initiatives_initiative_report_review",
        ),
    ]


PART = extensions.CasePagePart(template="admin/term/case_part.html", context=_context, urls=_urls)


# --- The organisation's case page and list ----------------------------------------------------


def _report_dates(*, request, case, member):
    report_dates = list(
        report_selectors.with_review_state(
            ReportDate.objects.filter(agreement__initiative=case).select_related("follow_up_report")
        ).order_by("due_date")
    )
    if not report_dates:
        return None
    today = timezone.localdate()
    for rd in report_dates:
        rd.status = report_selectors.status_of(rd, today=today)
    return {
        "report_dates": report_dates,
        "can_report": permissions.can_report(request.user, case, member=member),
        # A report sent in is read on the organisation's page (404 to others, staff read it
        # in the admin), so only a member is shown the link.
        "member": member,
    }


DETAIL_PART = extensions.CaseDetailPart(
    template="term/case_detail_part.html", context=_report_dates
)


def my_case_dates():
    """A report due (one not yet sent in), else the agreed end of the term."""
    next_report = (
        ReportDate.objects.filter(
            agreement__initiative=OuterRef("pk"), follow_up_report__isnull=True
        )
        .order_by("due_date")
        .values("due_date")[:1]
    )
    return {"next_report_due": Subquery(next_report), "agreed_term_end": F("agreement__term_end")}


# --- The staff start page ---------------------------------------------------------------------


def dates_due(*, user, today, until, limit) -> list[extensions.DueRow]:
    """Report dates and ends of term of the user's active partnerships up to `until`, and the
    report dates that have passed with no report (overdue)."""
    case_related = ("initiative__organisation", "initiative__handlaggare")
    reports = (
        ReportDate.objects.filter(
            Q(due_date__range=(today, until))
            | Q(~report_selectors.has_report(), due_date__lt=today),
            case_permissions.staff_scope(user, "agreement__initiative"),
            agreement__initiative__status=Status.ACTIVE,
        )
        .select_related(*(f"agreement__{r}" for r in case_related))
        .order_by("due_date", "pk")[:limit]
    )
    ends = (
        Agreement.objects.filter(
            case_permissions.staff_scope(user, "initiative"),
            initiative__status=Status.ACTIVE,
            term_end__lte=until,
        )
        .select_related(*case_related)
        .order_by("term_end", "pk")[:limit]
    )
    rows = [
        extensions.DueRow(
            date=r.due_date,
            what=r.description,
            kind=_("Rapportdatum"),
            case=r.agreement.initiative,
            overdue=r.due_date < today,
        )
        for r in reports
    ]
    rows += [
        extensions.DueRow(
            date=a.term_end,
            what=_("Avtalstiden slutar; partnerskapet ska utvärderas"),
            kind=_("Avtalstidens slut"),
            case=a.initiative,
        )
        for a in ends
    ]
    return rows


# --- The timeline -----------------------------------------------------------------------------


def timeline_events(initiative: Initiative) -> Iterable[Event]:
    """The reports sent in and due, the end of the term, and the evaluation."""
    today = timezone.localdate()
    agreement = related_or_none(initiative, "agreement")
    if agreement is not None:
        report_dates = ReportDate.objects.filter(agreement=agreement).select_related(
            "follow_up_report"
        )
        for report_date in report_dates:
            report = related_or_none(report_date, "follow_up_report")
            if report is not None:
                yield Event(
                    local_date(report.submitted_at),
                    "report",
                    _("%(description)s inskickad") % {"description": report_date.description},
                )
            else:
                yield Event(
                    report_date.due_date,
                    "report_due",
                    _("%(description)s ska lämnas") % {"description": report_date.description},
                    upcoming=report_date.due_date >= today,
                )
        yield Event(
            agreement.term_end,
            "term_end",
            _("Avtalsperioden slutar"),
            upcoming=agreement.term_end >= today,
        )
    evaluation = related_or_none(initiative, "evaluation")
    if evaluation is not None:
        yield Event(
            local_date(evaluation.evaluated_at),
            "evaluation",
            _("Partnerskapet utvärderades: %(outcome)s")
            % {"outcome": evaluation.get_outcome_display()},
        )
