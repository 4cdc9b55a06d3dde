"""Forms of the staff case pages: assignment, registration, dialogue meetings and bevakningar."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from accounts.models import Forvaltning
from iop_portal.fields import model_formfield

from .models import (
    CaseAssignment,
    DialogueMeeting,
    Initiative,
    Organisation,
    ReceivedVia,
    WatchDate,
)
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


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.org_number})"


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

    organisation = OrganisationChoiceField(
        label=_("Befintlig organisation"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label=_("Ny organisation (fyll i nedan)"),
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
        if data.get("organisation") is None and not (data.get("name") or data.get("org_number")):
            raise forms.ValidationError(
                _("Välj en befintlig organisation eller fyll i uppgifterna om en ny."),
                code="no_organisation",
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
