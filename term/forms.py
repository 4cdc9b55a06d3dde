"""Forms of the term: the organisation's follow-up report."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from core.fields import model_formfield
from initiatives.forms import AttachmentForm

from .models import FollowUpReport, FollowUpReportGoal, FollowUpReportLine


class ReportForm(AttachmentForm):
    """A follow-up report: what was done, for how many, the money used per contribution line."""

    activities_done = model_formfield(
        FollowUpReport,
        "activities_done",
        label=_("Genomförda aktiviteter"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Vad har ni gjort under perioden?"),
    )
    participants_reached = model_formfield(
        FollowUpReport,
        "participants_reached",
        label=_("Antal deltagare som nåtts"),
        error_messages={"invalid": _("Ange antalet med siffror, till exempel 40.")},
    )
    deviations = model_formfield(
        FollowUpReport,
        "deviations",
        label=_("Avvikelser från avtalet"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Har något blivit annorlunda än planerat? Beskriv vad och varför."),
    )
    field_order = ["activities_done", "participants_reached", "deviations"]

    def __init__(self, *args, contributions, goals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.contributions = contributions
        self.goals = list(goals)
        goal_fields = []
        for goal in self.goals:
            target = _(" Målvärde: %(target)s.") % {"target": goal.target} if goal.target else ""
            self.fields[f"goal_{goal.pk}"] = model_formfield(
                FollowUpReportGoal,
                "outcome_value",
                label=_("Utfall för målet ”%(goal)s”") % {"goal": goal.goal},
                required=True,
                help_text=(goal.indicator + "." if goal.indicator else "") + target,
            )
            self.fields[f"goal_{goal.pk}_text"] = model_formfield(
                FollowUpReportGoal,
                "outcome_text",
                label=_("Kommentar om målet (frivilligt)"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            goal_fields += [f"goal_{goal.pk}", f"goal_{goal.pk}_text"]
        for contribution in contributions:
            self.fields[f"used_{contribution.pk}"] = model_formfield(
                FollowUpReportLine,
                "amount_used_sek",
                label=_("Använt av kommunens bidrag %(year)s (kr)") % {"year": contribution.year},
                help_text=_("Kommunens bidrag enligt avtalet: %(amount)s kr.")
                % {"amount": contribution.amount_sek},
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": "0"}),
                error_messages={"invalid": _("Ange beloppet i hela kronor, bara siffror.")},
            )
        self.order_fields(
            [
                "activities_done",
                "participants_reached",
                *goal_fields,
                *(f"used_{c.pk}" for c in contributions),
                "deviations",
                "file",
                "description",
            ]
        )
        self.fields["file"].label = _("Bifoga en fil (frivilligt)")
        self.helper = FormHelper()
        self.helper.form_tag = False

    def money_used(self) -> dict[int, int]:
        return {c.pk: self.cleaned_data[f"used_{c.pk}"] for c in self.contributions}

    def goal_answers(self) -> dict[int, dict]:
        return {
            g.pk: {
                "outcome_value": self.cleaned_data[f"goal_{g.pk}"],
                "outcome_text": self.cleaned_data[f"goal_{g.pk}_text"],
            }
            for g in self.goals
        }

    @staticmethod
    def initial_from(version) -> dict:
        """The form filled with `version`, for the organisation to complete it."""
        initial = {
            "activities_done": version.activities_done,
            "participants_reached": version.participants_reached,
            "deviations": version.deviations,
        }
        initial |= {f"used_{pk}": amount for pk, amount in version.money_used.items()}
        for answer in version.goal_answers.all():
            initial[f"goal_{answer.goal_id}"] = answer.outcome_value
            initial[f"goal_{answer.goal_id}_text"] = answer.outcome_text
        return initial

    def uploads(self):
        upload = self.cleaned_data.get("file")
        return [(upload, self.cleaned_data.get("description", ""))] if upload else []
