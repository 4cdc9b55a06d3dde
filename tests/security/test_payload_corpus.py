"""The payload corpus through every field an organisation and staff fill, into every output.

payloads.json holds the hostile inputs (markup, template syntax, file:// and loopback
references, CSS imports, javascript: URLs, bidi and NUL characters, formula prefixes, SQL,
huge strings, out-of-range numbers and dates). Two passes:

1. The form pass: each payload through each field of every form (the portal's and the admin's
   own forms), with the oracle of corpus: a field either stores exactly what the shared
   cleaning makes of the payload, or refuses it with an error in Swedish (a translated message).
2. The output pass (test_payload_corpus_outputs.py): the accepted payloads, packed into a
   few objects made through the real views and services, read back from every page, admin page,
   mail, PDF and the register's CSV, JSON and Atom.
"""

import re

import pytest
from django import forms
from django.contrib.auth.forms import ReadOnlyPasswordHashField
from django.core import validators
from django.core.exceptions import FieldDoesNotExist
from django.test import RequestFactory
from django.utils import translation

from agreements import services as agreement_services
from core.fields import MAX_YEAR, MIN_YEAR

from . import corpus, corpus_forms

pytestmark = pytest.mark.django_db

# Columns hold at most this: a bound above it would let a number through to a 500.
INTEGER_COLUMN_MAX = 2_147_483_647
kind_of = corpus.kind_of


def _bounds(field):
    low = [v.limit_value for v in field.validators if isinstance(v, validators.MinValueValidator)]
    high = [v.limit_value for v in field.validators if isinstance(v, validators.MaxValueValidator)]
    return max(low, default=None), min(high, default=None)


def parse_int(raw: str):
    """What Django's IntegerField makes of raw input, or None."""
    value = re.sub(r"\.0*\s*$", "", raw.strip())
    try:
        return int(value)
    except ValueError:
        return None


def verdict(field, kind, raw, cleaned, refused, service_bound=False):
    """Assert the field's outcome for `raw` against the oracle; return whether it was refused."""
    if kind in ("line", "text"):
        want = corpus.expected(kind, raw)
        too_long = field.max_length is not None and len(want) > field.max_length
        must_refuse = too_long or (field.required and not want)
        assert refused == must_refuse, f"refused={refused}, oracle {must_refuse}"
        if not refused:
            assert cleaned == (want or field.empty_value)
    elif kind == "int":
        # The form's own bounds where it has them; a ModelForm's come from the model, and every
        # number an integer column cannot hold must be refused either way.
        low, high = _bounds(field)
        number = parse_int(raw) if raw.strip() else None
        if number is not None and high is None:
            high = INTEGER_COLUMN_MAX
        out_of_range = number is not None and (
            (low is not None and number < low) or number > min(high, INTEGER_COLUMN_MAX)
        )
        if number is None and raw.strip() or out_of_range:
            assert refused, f"{number} must be refused"
        if not refused:
            assert cleaned == number
    elif kind == "date":
        if not refused and cleaned is not None and not service_bound:
            assert MIN_YEAR <= cleaned.year <= MAX_YEAR, f"{cleaned} accepted"
    elif not refused and isinstance(cleaned, str):
        assert "\x00" not in cleaned


def _model_field(model, name):
    try:
        return model._meta.get_field(name) if model else None
    except FieldDoesNotExist:
        return None


def _rendered(form, name, language):
    with translation.override(language):
        return [m for error in form.errors.as_data().get(name, []) for m in error]


def _errors(form, name):
    return [str(m) for m in form.errors.get(name, [])]


def test_every_payload_through_every_form_field(town):
    """Each payload in each field of each form: stored as cleaned, or refused in Swedish."""
    payloads = corpus.load(port=9)  # nothing is rendered here: the output pass listens
    active = town.active()
    assessing = town.in_assessment(title="Under bedömning")
    drafting = agreement_services.agreement_create_draft(
        initiative=town.assessed(title="Utkast"), by=town.handlaggare
    )
    factory = RequestFactory()
    staff_request, super_request = factory.get("/admin/"), factory.get("/admin/")
    staff_request.user, super_request.user = town.handlaggare, town.superuser
    cases = corpus_forms.form_cases(
        town=town,
        active=active,
        assessing=assessing,
        drafting=drafting,
        request_staff=staff_request,
        request_superuser=super_request,
    )
    tally = corpus.Tally()
    for case in cases:
        sample = case.build({})
        targets = {
            name: field
            for name, field in sample.fields.items()
            if name not in case.fixed
            and not isinstance(field, forms.FileField | ReadOnlyPasswordHashField)
            and not field.disabled
            and not isinstance(field.widget, forms.HiddenInput)
        }
        assert targets, case.name
        for payload in payloads:
            data = dict(case.fixed) | dict.fromkeys(targets, payload.value)
            with translation.override("sv"):
                form = case.build(data)
                form.is_valid()
                swedish = {name: _errors(form, name) for name in targets}
            model = getattr(getattr(form, "_meta", None), "model", None)
            for name, field in targets.items():
                model_field = _model_field(model, name)
                refused = bool(swedish[name])
                where = f"{case.name}.{name} with payload {payload.id}"
                try:
                    verdict(
                        field,
                        kind_of(field, model_field),
                        payload.value,
                        form.cleaned_data.get(name),
                        refused,
                        name in case.service_bounds,
                    )
                except AssertionError as error:
                    raise AssertionError(f"{where}: {error} {swedish[name]}") from None
                if refused:
                    english = _rendered(form, name, "en")
                    if english == swedish[name]:
                        # A message put together when it was raised: ask the form in English.
                        with translation.override("en"):
                            again = case.build(data)
                            again.is_valid()
                            english = _errors(again, name)
                    assert swedish[name] != english, f"{where}: not in Swedish {swedish[name]}"
                tally.checked("form", f"{case.name}.{name}", payload.id)
    print("\n" + tally.summary("Form pass"))
    assert len(tally.payloads) >= 200
