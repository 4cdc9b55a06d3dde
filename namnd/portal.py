"""The organisation's share of the nämnd's documents, on its own case page: each expedierat
protokollsutdrag and the upprättat tjänsteutlåtande the decision rests on, kept for as long as
the case exists."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from django.views.decorators.http import require_http_methods

from core.responses import stored_file_response
from decisions import selectors as decision_selectors
from initiatives import extensions
from initiatives import selectors as case_selectors

from .models import Expediering, Paragraf


def _expedierade(case):
    """The §§ whose utdrag was sent to the organisation's portal, with their stored copy."""
    sent = Expediering.objects.filter(
        paragraf__initiative=case,
        recipient_kind=Expediering.RecipientKind.ORGANISATION,
        channel=Expediering.Channel.PORTAL,
    ).select_related("paragraf__sammantrade__namnd")
    latest = {}
    for row in sent.order_by("sent_at", "pk"):
        latest[row.paragraf_id] = row
    return list(latest.values())


def _context(*, request, case, member):
    sent = _expedierade(case)
    tu = decision_selectors.tjansteutlatande_upprattat(initiative=case)
    if not sent and tu is None:
        return None
    return {"expedieringar": sent, "tjansteutlatande": tu}


DETAIL_PART = extensions.CaseDetailPart(template="namnd/case_detail_part.html", context=_context)


@login_required
@require_http_methods(["GET", "HEAD"])
def utdrag_download(request, pk, paragraf_pk):
    """The stored utdrag the organisation was sent; 404 for a case outside the user's scope."""
    case = case_selectors.case_for(user=request.user, pk=pk, submitted=True)
    paragraf = get_object_or_404(Paragraf, pk=paragraf_pk, initiative=case)
    row = next((r for r in _expedierade(case) if r.paragraf_id == paragraf.pk), None)
    if row is None or not row.document:
        raise Http404
    return stored_file_response(
        row.document,
        filename=f"protokollsutdrag-{case.diarienummer}-p{paragraf.number}.pdf",
        content_type="application/pdf",
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def tjansteutlatande_download(request, pk):
    case = case_selectors.case_for(user=request.user, pk=pk, submitted=True)
    tu = decision_selectors.tjansteutlatande_upprattat(initiative=case)
    if tu is None or not tu.pdf:
        raise Http404
    return stored_file_response(
        tu.pdf, filename=f"tjansteutlatande-{case.diarienummer}.pdf", content_type="application/pdf"
    )


app_name = "namnd_portal"
urlpatterns = [
    path(
        "initiativ/<int:pk>/protokollsutdrag/<int:paragraf_pk>.pdf",
        utdrag_download,
        name="utdrag",
    ),
    path(
        "initiativ/<int:pk>/tjansteutlatande-upprattat.pdf",
        tjansteutlatande_download,
        name="tjansteutlatande",
    ),
]
