"""Forms of the term: the organisation's follow-up report."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from core.fields import model_formfield
from initiatives.forms import AttachmentForm

from .models import FollowUpReport, FollowUpReportLine


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

    def __init__(self, *args, contributions, **kwargs):
        super().__init__(*args, **kwargs)
        self.contributions = contributions
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

    def uploads(self):
        upload = self.cleaned_data.get("file")
        return [(upload, self.cleaned_data.get("description", ""))] if upload else []
