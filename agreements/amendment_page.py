"""The staff's form for changing the agreement during the term, on the admin case page."""

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.fields import model_formfield
from core.forms import add_validation_error
from initiatives.models import Status

from . import amendment_services, permissions
from .models import AgreementAmendment


class AmendmentForm(forms.Form):
    term_start = forms.DateField(
        label=gettext_lazy("Avtalet gäller från"), widget=forms.DateInput(attrs={"type": "date"})
    )
    term_end = forms.DateField(
        label=gettext_lazy("Avtalet gäller till och med"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    report_dates = forms.CharField(
        label=gettext_lazy("Rapportdatum"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "Ett datum per rad, som ÅÅÅÅ-MM-DD följt av vad som ska rapporteras, till exempel "
            "”2027-06-30 Delrapport”."
        ),
    )
    reason = model_formfield(
        AgreementAmendment,
        "reason",
        label=gettext_lazy("Varför avtalet ändras"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Till exempel vad parterna kom överens om och när."),
    )

    def clean_report_dates(self) -> list[dict]:
        rows = []
        for n, line in enumerate(self.cleaned_data["report_dates"].splitlines(), start=1):
            if not line.strip():
                continue
            day, _space, description = line.strip().partition(" ")
            try:
                due = datetime.date.fromisoformat(day)
            except ValueError:
                raise ValidationError(
                    _("Rad %(n)s: skriv datumet som ÅÅÅÅ-MM-DD följt av vad som ska rapporteras.")
                    % {"n": n}
                ) from None
            rows.append({"due_date": due, "description": description.strip()})
        return rows


def _initial(agreement) -> dict:
    return {
        "term_start": agreement.term_start,
        "term_end": agreement.term_end,
        "report_dates": "\n".join(
            f"{r.due_date.isoformat()} {r.description}"
            for r in agreement.report_dates.order_by("due_date")
        ),
    }


def can_amend(user, case) -> bool:
    agreement = getattr(case, "agreement", None)
    return (
        case.status == Status.ACTIVE
        and agreement is not None
        and permissions.can_change_agreement(user, agreement)
    )


def urls(case_admin):
    def amend_view(request, pk):
        case = case_admin.get_scoped_object(request, pk)
        if not can_amend(request.user, case):
            raise PermissionDenied
        agreement = case.agreement
        form = AmendmentForm(request.POST or None, initial=_initial(agreement))
        if request.method == "POST" and form.is_valid():
            try:
                amendment = amendment_services.agreement_amend(
                    agreement=agreement, by=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                add_validation_error(form, error)
            else:
                messages.success(
                    request,
                    _("Ändringen är sparad som ändring %(n)s och avtalsversion %(v)s.")
                    % {"n": amendment.number, "v": amendment.version.number},
                )
                if amendment.needs_new_decision:
                    messages.warning(request, str(amendment_services.NEW_DECISION_NOTICE))
                return HttpResponseRedirect(
                    reverse("admin:initiatives_initiative_change", args=[case.pk])
                )
        return case_admin.form_page(
            request, form, title=_("Ändra avtalet under avtalstiden"), original=case
        )

    return [
        path(
            "<int:pk>/avtalsandring/",
            case_admin.wrap(amend_view),
            name="initiatives_initiative_amend",
        )
    ]
