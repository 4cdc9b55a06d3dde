"""Forms of the public pages: the IOP guide, the register's filters, the accessibility report."""

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.guide import Answer
from core.fields import TEXT_MEDIUM, LineFormField, TextFormField, model_formfield
from initiatives.models import Initiative

from .register import RegisterState

GUIDE_TEXT_FIELDS = {
    # Initiative field: (label, help). Carried into a new initiative so nothing is typed twice.
    "challenge": (
        _("Samhällsutmaning"),
        _("Vilket samhällsproblem vill ni bidra till att lösa? Frivilligt."),
    ),
    "activity": (_("Föreslagen verksamhet"), _("Vad vill ni göra, och hur? Frivilligt.")),
    "own_contribution": (
        _("Organisationens egen insats"),
        _("Pengar, lokaler, ideella timmar, kunskap – det ni själva bidrar med. Frivilligt."),
    ),
}


class GuideForm(forms.Form):
    """One yes / no / don't know question per criterion with a guide question, and short texts."""

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for criterion in questions:
            self.fields[f"q{criterion.pk}"] = forms.ChoiceField(
                label=criterion.guide_question,
                help_text=criterion.guide_help,
                choices=Answer.choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Välj ja, nej eller vet inte.")},
            )
        for name, (label, help_text) in GUIDE_TEXT_FIELDS.items():
            # The initiative's own field, so what the guide accepts the draft accepts too.
            self.fields[name] = model_formfield(
                Initiative,
                name,
                label=label,
                help_text=help_text,
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def question_fields(self):
        return [self[f"q{c.pk}"] for c in self.questions]

    def text_fields(self):
        return [self[name] for name in GUIDE_TEXT_FIELDS]

    def answers(self) -> dict[int, str]:
        return {c.pk: self.cleaned_data[f"q{c.pk}"] for c in self.questions}

    def texts(self) -> dict[str, str]:
        return {n: self.cleaned_data[n].strip() for n in GUIDE_TEXT_FIELDS if self.cleaned_data[n]}


class RegisterFilterForm(forms.Form):
    q = LineFormField(label=_("Sök"), required=False, max_length=200)
    state = forms.ChoiceField(
        label=_("Pågående eller avslutade"),
        required=False,
        choices=[("", _("Alla")), *RegisterState.choices],
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    forvaltning = forms.TypedChoiceField(
        label=_("Förvaltning"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=forms.Select(attrs={"class": "form-select"}),
    )

    def __init__(self, *args, forvaltningar, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forvaltning"].choices = [("", _("Alla förvaltningar"))] + [
            (f.pk, f.name) for f in forvaltningar
        ]

    # The selects are written out by the template from these: rendering the widgets' templates
    # cost the register page more than its whole list of rows.
    @property
    def state_options(self) -> list[tuple[str, str, bool]]:
        return self._options("state")

    @property
    def forvaltning_options(self) -> list[tuple[str, str, bool]]:
        return self._options("forvaltning")

    def _options(self, name: str) -> list[tuple[str, str, bool]]:
        """(value, label, selected) of each choice, selected as the Select widget would."""
        current = self[name].value()
        current = "" if current is None else str(current)
        return [(str(v), label, str(v) == current) for v, label in self.fields[name].choices]

    def filters(self) -> dict:
        """The valid filters; an invalid one is left out rather than failing the page."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "q": data.get("q", ""),
            "state": data.get("state", ""),
            "forvaltning_id": data.get("forvaltning"),
        }


class AccessibilityReportForm(forms.Form):
    page = LineFormField(
        label=_("Sida eller funktion"),
        required=False,
        max_length=500,
        help_text=_("Adressen eller namnet på sidan där problemet finns."),
    )
    description = TextFormField(
        label=_("Beskriv problemet"),
        max_length=TEXT_MEDIUM,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Beskriv problemet så att vi kan åtgärda det.")},
    )
    name = LineFormField(label=_("Ditt namn"), required=False, max_length=200)
    email = forms.EmailField(
        label=_("Din e-postadress"),
        required=False,
        help_text=_("Fyll i om du vill ha svar."),
        error_messages={
            "invalid": _("Skriv en giltig e-postadress, till exempel namn@exempel.se.")
        },
    )
    # A honeypot: hidden from people and assistive technology; only robots fill it in.
    website = forms.CharField(required=False, label=_("Lämna tomt"))
