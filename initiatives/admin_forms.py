"""Forms of the staff case pages: assignment, registration, dialogue meetings and bevakningar."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import Forvaltning
from core.fields import model_formfield
from organisations.models import Organisation
from organisations.validators import normalise_org_number

from .models import CaseAssignment, DialogueMeeting, Initiative, ReceivedVia, WatchDate
from .services import DRAFT_FIELDS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def assignable_staff(*, forvaltning_id=None, user=None):
    """Active staff who may handle cases: of the case's förvaltning when it is given, else of
    the user's own (all staff for a superuser, nobody for staff without a förvaltning)."""
    staff = get_user_model().objects.filter(is_staff=True, is_active=True)
    if forvaltning_id is None and user is not None and not user.is_superuser:
        forvaltning_id = user.forvaltning_id
        if forvaltning_id is None:
            return staff.none()
    if forvaltning_id is not None:
        staff = staff.filter(forvaltning_id=forvaltning_id)
    return staff.select_related("forvaltning").order_by("first_name", "last_name", "username")


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        name = obj.get_full_name() or obj.username
        return f"{name} ({obj.forvaltning})" if obj.forvaltning_id else name


class AssignForm(forms.Form):
    handlaggare = StaffChoiceField(
        label=_("Handläggare"),
        queryset=get_user_model().objects.none(),
        empty_label=_("Välj handläggare"),
        error_messages={
            "invalid_choice": _(
                "Den valda personen kan inte tilldelas: bara aktiv personal på ärendets "
                "förvaltning kan vara handläggare."
            ),
            "required": _("Välj vem som ska handlägga ärendet."),
        },
    )
    note = model_formfield(
        CaseAssignment,
        "note",
        label=_("Anteckning till handläggaren"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Skickas med i e-postmeddelandet och sparas i ärendet."),
    )

    def __init__(self, *args, forvaltning_id=None, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handlaggare"].queryset = assignable_staff(
            forvaltning_id=forvaltning_id, user=user
        )


class DialogueMeetingForm(forms.Form):
    held_on = model_formfield(DialogueMeeting, "held_on", label=_("Mötesdatum"), widget=DATE)
    participants = model_formfield(
        DialogueMeeting,
        "participants",
        label=_("Deltagare"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Namn och roll, från förvaltningen och organisationen."),
    )
    challenge_agreed = model_formfield(
        DialogueMeeting,
        "challenge_agreed",
        label=_("Överenskommet om samhällsutmaningen"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    solution_agreed = model_formfield(
        DialogueMeeting,
        "solution_agreed",
        label=_("Överenskommet om lösningen"),
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class WatchDateForm(forms.Form):
    due_date = model_formfield(WatchDate, "due_date", label=_("Bevakningsdatum"), widget=DATE)
    what = model_formfield(WatchDate, "what", label=_("Vad som ska göras"))
    responsible = StaffChoiceField(
        label=_("Ansvarig"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("Ingen särskild"),
        error_messages={
            "invalid_choice": _("Den ansvariga måste vara aktiv personal på ärendets förvaltning.")
        },
    )

    def __init__(self, *args, forvaltning_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = assignable_staff(forvaltning_id=forvaltning_id)


class ExistingOrganisationField(forms.CharField):
    """An organisation already in the portal, named by its exact organisationsnummer.

    Never a list to choose from: registering a case for an organisation brings its documents,
    members and bankgiro into the registering förvaltning's view, so staff must know which
    organisation the document came from, not browse the kommun's organisations for one.
    """

    def clean(self, value):
        value = super().clean(value).strip()
        if not value:
            return None
        number = normalise_org_number(value)
        organisation = Organisation.objects.filter(org_number=number).first()
        if organisation is None:
            raise ValidationError(
                _(
                    "Ingen organisation i portalen har organisationsnumret %(number)s. "
                    "Kontrollera numret, eller lämna fältet tomt och fyll i uppgifterna om "
                    "en ny organisation."
                ),
                code="organisation_unknown",
                params={"number": number},
            )
        return organisation


# Fields of a new organisation, as the registration form names them.
ORGANISATION_FIELDS = (
    "name",
    "org_number",
    "legal_form",
    "street_address",
    "postal_code",
    "city",
    "contact_name",
    "contact_email",
    "contact_phone",
)
INITIATIVE_FIELDS = tuple(f for f in DRAFT_FIELDS if f != "forvaltning")


class RegistrationForm(forms.Form):
    """An initiative that came in by e-mail, letter or in person, and who sent it."""

    organisation = ExistingOrganisationField(
        label=_("Organisationsnummer för en befintlig organisation"),
        required=False,
        max_length=20,
        help_text=_(
            "Finns organisationen redan i portalen: skriv dess organisationsnummer. "
            "Annars lämnar du fältet tomt och fyller i uppgifterna om den nya organisationen."
        ),
    )
    forvaltning = forms.ModelChoiceField(
        label=_("Förvaltning"), queryset=Forvaltning.objects.order_by("name")
    )
    # The service bounds it (not in the future, at most a year back), with its own messages.
    received_on = forms.DateField(label=_("Inkom den"), widget=DATE)
    received_via = forms.ChoiceField(
        label=_("Inkom via"),
        choices=[("", "---------")]
        + [(v, label) for v, label in ReceivedVia.choices if v != ReceivedVia.PORTAL],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Each field as the model has it, optional here: which ones are needed depends on
        # whether the organisation is new, and the services say so field by field.
        for name in ORGANISATION_FIELDS:
            field = model_formfield(Organisation, name)
            field.required = False
            self.fields[name] = field
        self.fields["name"].label = _("Organisationens namn")
        for name in INITIATIVE_FIELDS:
            field = model_formfield(Initiative, name)
            field.required = False
            if isinstance(field, forms.DateField):
                field.widget = DATE
            self.fields[name] = field
        if not user.is_superuser:
            del self.fields["forvaltning"]

    def clean(self):
        data = super().clean()
        new_organisation = any(data.get(name) for name in ORGANISATION_FIELDS)
        if "organisation" in self.errors:
            return data
        if data.get("organisation") is None and not new_organisation:
            raise forms.ValidationError(
                _(
                    "Skriv organisationsnumret för en befintlig organisation eller fyll i "
                    "uppgifterna om en ny."
                ),
                code="no_organisation",
            )
        if data.get("organisation") is not None and new_organisation:
            # Which one was meant is not for the portal to guess; both stay in the form.
            self.add_error(
                "organisation",
                ValidationError(
                    _(
                        "Fyll i antingen organisationsnumret för en befintlig organisation "
                        "eller uppgifterna om en ny organisation, inte båda."
                    ),
                    code="organisation_both",
                ),
            )
        return data

    def organisation_data(self) -> dict:
        return {name: self.cleaned_data.get(name) or "" for name in ORGANISATION_FIELDS}

    def initiative_data(self) -> dict:
        data = {}
        for name in INITIATIVE_FIELDS:
            value = self.cleaned_data.get(name)
            data[name] = "" if value is None and self._is_text(name) else value
        return data

    @staticmethod
    def _is_text(name):
        return Initiative._meta.get_field(name).get_internal_type() in {"CharField", "TextField"}

    fieldsets = (
        (_("Hur initiativet kom in"), ("forvaltning", "received_on", "received_via")),
        (_("Organisation"), ("organisation",)),
        (_("Ny organisation"), ORGANISATION_FIELDS),
        (_("Initiativet"), INITIATIVE_FIELDS),
    )
