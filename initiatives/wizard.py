"""The initiative wizard: its steps, the form of each step, and the guide's hand-over of answers.

A draft is saved at every step (services.initiative_save_draft) and the step reached is kept on
the server (initiatives.DraftProgress), so the organisation can leave and resume on another device.

Hook for the guide: a page that has asked the organisation questions may put a dict of draft
field values (names from services.DRAFT_FIELDS, values as a form would post them) in
`request.session["iop_guide_answers"]`. The first step shows the ones it asks for as initial
values; when that step creates the draft, all valid answers are stored in it and the session key
is removed.
"""

from dataclasses import dataclass

from crispy_forms.layout import Fieldset, Layout
from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .forms import InitiativeForm
from .models import Initiative
from .services import DRAFT_FIELDS

GUIDE_SESSION_KEY = "iop_guide_answers"


@dataclass(frozen=True)
class Step:
    slug: str
    title: Promise
    intro: Promise
    fields: tuple[str, ...] = ()


STEPS = (
    Step(
        "organisation",
        _("Organisation och förvaltning"),
        _("Vem står bakom initiativet, vad heter det och vilken förvaltning riktar det sig till?"),
        ("title", "forvaltning"),
    ),
    Step(
        "utmaning",
        _("Samhällsutmaningen"),
        _("Beskriv med egna ord vilket samhällsproblem ni vill bidra till att lösa, och för vem."),
        ("challenge", "target_group", "political_programme"),
    ),
    Step(
        "verksamhet",
        _("Verksamheten"),
        _("Vad vill ni göra, och under vilken tid?"),
        ("activity", "term_start", "term_end"),
    ),
    Step(
        "resurser",
        _("Resurser"),
        _("Vad bidrar ni själva med, och vad behöver ni från kommunen?"),
        ("own_contribution", "requested_amount_per_year", "requested_other_resources"),
    ),
    Step(
        "bilagor",
        _("Bilagor"),
        _(
            "Bifoga gärna handlingar som stöder initiativet, till exempel stadgar, "
            "verksamhetsplan eller budget. Bilagor är frivilliga."
        ),
    ),
    Step(
        "granska",
        _("Granska och skicka in"),
        _(
            "Kontrollera uppgifterna. När du skickar in registreras initiativet och får "
            "ett diarienummer."
        ),
    ),
)
STEP_BY_SLUG = {step.slug: step for step in STEPS}
FIRST, ATTACHMENTS, REVIEW = STEPS[0], STEP_BY_SLUG["bilagor"], STEPS[-1]
# The step where a field is filled in, for links from the review and its error summary.
STEP_OF_FIELD = {name: step for step in STEPS for name in step.fields}


def step_index(step: Step) -> int:
    return STEPS.index(step)


def next_step(step: Step) -> Step:
    return STEPS[min(step_index(step) + 1, len(STEPS) - 1)]


def previous_step(step: Step) -> Step:
    return STEPS[max(step_index(step) - 1, 0)]


class StepForm(InitiativeForm):
    """The fields of one step; `organisations` adds the choice of organisation to a new draft."""

    def __init__(self, *args, step: Step, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields = {name: field for name, field in self.fields.items() if name in step.fields}
        names = list(step.fields)
        if organisations is not None:
            # A forged id of someone else's organisation is simply not a valid choice.
            self.fields = {
                "organisation": forms.ModelChoiceField(
                    queryset=organisations,
                    label=_("Organisation"),
                    empty_label=None,
                    help_text=_("Organisationen som står bakom initiativet."),
                ),
                **self.fields,
            }
            names.insert(0, "organisation")
        self.helper.layout = Layout(Fieldset(step.title, *names))


class AllFieldsForm(InitiativeForm):
    """Every draft field, to validate the guide's answers before they reach a draft."""


def guide_answers(session) -> dict:
    answers = session.get(GUIDE_SESSION_KEY)
    if not isinstance(answers, dict):
        return {}
    return {name: answers[name] for name in DRAFT_FIELDS if name in answers}


def guide_values(session) -> dict:
    """The guide's answers that are valid draft values, cleaned."""
    answers = guide_answers(session)
    if not answers:
        return {}
    form = AllFieldsForm(data=answers)
    form.is_valid()
    return {name: value for name, value in form.valid_values().items() if name in answers}


def guide_carried(session) -> list[dict]:
    """What the guide hands to a new draft, as a person reads it: each field's label and value.

    Only these draft fields are carried; the guide's yes / no answers are not (the förvaltning
    makes its own assessment), and the pages say so.
    """
    values = guide_values(session)
    carried = []
    for name in DRAFT_FIELDS:
        if name not in values:
            continue
        value = values[name]
        carried.append(
            {
                "name": name,
                "label": Initiative._meta.get_field(name).verbose_name,
                "value": value.name if name == "forvaltning" else str(value),
            }
        )
    return carried
