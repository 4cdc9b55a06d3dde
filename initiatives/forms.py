"""Forms of the organisation's side of a case: the initiative and its attachments."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import Forvaltning
from core.fields import model_formfield, model_validators_on_form
from core.forms import DateInput, add_validation_error

from .models import Attachment, CaseMessage, Initiative


class InitiativeForm(forms.ModelForm):
    """The initiative draft. Every field may be blank while drafting; submit checks completeness."""

    forvaltning = forms.ModelChoiceField(
        queryset=Forvaltning.objects.none(),
        empty_label=_("Välj förvaltning"),
        label=_("Förvaltning"),
        help_text=_("Vilken förvaltning riktar sig initiativet till?"),
        required=False,
    )

    class Meta:
        model = Initiative
        fields = (
            "title",
            "forvaltning",
            "challenge",
            "activity",
            "target_group",
            "political_programme",
            "term_start",
            "term_end",
            "own_contribution",
            "requested_amount_per_year",
            "requested_other_resources",
        )
        widgets = {
            "term_start": DateInput(),
            "term_end": DateInput(),
            "challenge": forms.Textarea(attrs={"rows": 4}),
            "activity": forms.Textarea(attrs={"rows": 4}),
            "target_group": forms.Textarea(attrs={"rows": 2}),
            "political_programme": forms.Textarea(attrs={"rows": 2}),
            "own_contribution": forms.Textarea(attrs={"rows": 3}),
            "requested_other_resources": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "requested_amount_per_year": {
                "invalid": _("Ange beloppet i hela kronor, bara siffror, till exempel 250000."),
                "min_value": _("Beloppet kan inte vara negativt."),
            },
            "term_start": {"invalid": _("Ange datumet som ÅÅÅÅ-MM-DD, till exempel 2027-01-01.")},
            "term_end": {"invalid": _("Ange datumet som ÅÅÅÅ-MM-DD, till exempel 2027-12-31.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forvaltning"].queryset = Forvaltning.objects.order_by("name")
        model_validators_on_form(self)
        self.fields["requested_amount_per_year"].widget.attrs.update(
            {"inputmode": "numeric", "min": "0", "step": "1000"}
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(
            Fieldset(_("Initiativet"), "title", "forvaltning"),
            Fieldset(
                _("Utmaningen och verksamheten"),
                "challenge",
                "activity",
                "target_group",
                "political_programme",
            ),
            Fieldset(_("Tid"), "term_start", "term_end"),
            Fieldset(
                _("Resurser"),
                "own_contribution",
                "requested_amount_per_year",
                "requested_other_resources",
            ),
        )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("term_start"), cleaned.get("term_end")
        if start and end and end < start:
            self.add_error(
                "term_end", _("Slutdatumet måste vara samma dag som eller efter startdatumet.")
            )
        return cleaned

    def _post_clean(self):
        # Model validation runs in the service when the draft is saved, where partial drafts are
        # allowed; the form only validates the values typed in.
        pass

    def valid_values(self) -> dict:
        """The values that passed validation, so a draft keeps them even when others failed."""
        return {
            name: value
            for name, value in getattr(self, "cleaned_data", {}).items()
            if name not in self.errors
        }


class AttachmentForm(forms.Form):
    """One file for a case, with a short description of what it is."""

    file = forms.FileField(
        label=_("Fil"),
        required=False,
        error_messages={"empty": _("Filen är tom. Välj en annan fil.")},
    )
    description = model_formfield(
        Attachment,
        "description",
        label=_("Beskrivning av filen"),
        required=False,
        help_text=_("Till exempel: Stadgar antagna 2024."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("description") and not cleaned.get("file") and not self.has_error("file"):
            self.add_error("file", _("Välj filen som beskrivningen gäller."))
        return cleaned


class MessageForm(AttachmentForm):
    """A message, with an optional file and its description."""

    body = model_formfield(
        CaseMessage,
        "body",
        label=_("Meddelande"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Skriv ett meddelande.")},
    )
    field_order = ["body", "file", "description"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].label = _("Bifoga en fil (frivilligt)")

    def uploads(self):
        upload = self.cleaned_data.get("file")
        return [(upload, self.cleaned_data.get("description", ""))] if upload else []


# The codes of initiatives.attachments' refusals: those errors belong next to the file field.
UPLOAD_ERROR_CODES = frozenset({"empty", "too_large", "type", "mislabelled", "case_full"})


def add_file_error(form, error: ValidationError) -> None:
    """Show a service's error on the form: a refused upload next to the file field."""
    if not hasattr(error, "error_dict") and error.code in UPLOAD_ERROR_CODES:
        form.add_error("file", error)
    else:
        add_validation_error(form, error)
