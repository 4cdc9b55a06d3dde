"""The assessment's part of the admin case page: start it, open it."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from core.records import related_or_none
from initiatives import extensions
from initiatives.models import Status

from . import services


def _context(*, request, case, handles):
    return {
        "start": handles and case.status == Status.SUBMITTED,
        "assessment": related_or_none(case, "assessment"),
    }


def start_assessment(*, request, case):
    assessment = services.assessment_start(initiative=case, by=request.user)
    messages.success(request, _("Bedömningen är påbörjad."))
    return HttpResponseRedirect(
        reverse("admin:assessments_assessment_change", args=[assessment.pk])
    )


PART = extensions.CasePagePart(
    template="admin/assessments/case_part.html",
    context=_context,
    actions={"start_assessment": start_assessment},
)
