"""The agreement admin's forms: contribution rows checked against the term, signing, versions."""

from django import forms
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.fields import model_formfield

from .models import Party, Signature


class ContributionFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        term = self.instance
        if not (term.term_start and term.term_end) or term.term_end < term.term_start:
            return
        years = range(term.term_start.year, term.term_end.year + 1)
        for form in self.forms:
            year = form.cleaned_data.get("year") if hasattr(form, "cleaned_data") else None
            if year and year not in years and not form.cleaned_data.get("DELETE"):
                form.add_error(
                    "year",
                    _("Året %(year)s ligger utanför avtalstiden %(start)s–%(end)s.")
                    % {"year": year, "start": term.term_start.year, "end": term.term_end.year},
                )


class SignatureForm(forms.Form):
    party = forms.ChoiceField(label=gettext_lazy("Part"), choices=Party.choices)
    name = model_formfield(Signature, "name", label=gettext_lazy("Namn"))
    title = model_formfield(Signature, "title", label=gettext_lazy("Titel"), required=False)
    place = model_formfield(Signature, "place", label=gettext_lazy("Ort"))
    signed_on = model_formfield(
        Signature,
        "signed_on",
        label=gettext_lazy("Datum"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    method = forms.ChoiceField(label=gettext_lazy("Hur"), choices=Signature.Method.choices)


class VersionChoiceForm(forms.Form):
    old = forms.TypedChoiceField(label=gettext_lazy("Jämför version"), coerce=int)
    new = forms.TypedChoiceField(label=gettext_lazy("med version"), coerce=int)
