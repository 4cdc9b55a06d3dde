"""Forms of the organisation's own pages: its profile, inviting a member, adding a document."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput
from core.uploads import accepted_extensions

from .models import Membership, Organisation, OrganisationDocument
from .validators import normalise_bankgiro, normalise_org_number


def _helper():
    helper = FormHelper()
    helper.form_tag = False
    return helper


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = (
            "name",
            "org_number",
            "legal_form",
            "kammarkollegiet_registered_since",
            "street_address",
            "postal_code",
            "city",
            "contact_name",
            "contact_email",
            "contact_phone",
            "bankgiro",
        )
        widgets = {"kammarkollegiet_registered_since": DateInput()}
        help_texts = {
            "kammarkollegiet_registered_since": _(
                "Om organisationen finns i Kammarkollegiets register över idéburna "
                "organisationer: datumet den registrerades. Lämna tomt om den inte är registrerad."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        autocomplete = {
            "name": "organization",
            "street_address": "street-address",
            "postal_code": "postal-code",
            "city": "address-level2",
            "contact_name": "name",
            "contact_email": "email",
            "contact_phone": "tel",
        }
        for name, value in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = value
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_org_number(self):
        return normalise_org_number(self.cleaned_data["org_number"])

    def clean_bankgiro(self):
        value = self.cleaned_data["bankgiro"]
        return normalise_bankgiro(value) if value else ""


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-post till den du bjuder in"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    role = forms.ChoiceField(
        label=_("Roll"),
        choices=Membership.Role.choices,
        initial=Membership.Role.KONTAKTPERSON,
        widget=forms.RadioSelect,
        help_text=_(
            "En firmatecknare får skicka in initiativ och bjuda in eller ta bort företrädare. "
            "En kontaktperson får skriva utkast och lämna rapporter."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class DocumentForm(forms.ModelForm):
    file = forms.FileField(label=_("Fil"))

    class Meta:
        model = OrganisationDocument
        fields = ("kind", "year")
        error_messages = {
            "year": {"invalid": _("Ange året med fyra siffror, till exempel 2025.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            ("", _("Välj slags handling")),
            *OrganisationDocument.Kind.choices,
        ]
        self.fields["year"].widget.attrs.update({"inputmode": "numeric"})
        self.fields["year"].initial = timezone.localdate().year - 1
        self.fields["file"].help_text = _(
            "Tillåtna filtyper: %(types)s. Typen avgörs av innehållet i filen."
        ) % {"types": accepted_extensions()}
        self.helper = _helper()

    def clean_year(self):
        year = self.cleaned_data["year"]
        this_year = timezone.localdate().year
        if not 1900 <= year <= this_year + 1:
            raise forms.ValidationError(
                _("Ange ett år mellan 1900 och %(max)s.") % {"max": this_year + 1}
            )
        return year

    def _post_clean(self):
        # The service validates the document row it builds; the file itself is checked there too.
        pass
