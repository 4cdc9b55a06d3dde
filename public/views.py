"""Public pages, no login: the IOP guide, the register of partnerships, accessibility."""

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.models import Kommun
from assessments.guide import Verdict, guide_forvaltningar, guide_questions, guide_result
from core import responses
from core.notifications import render_text
from core.outbox import mail_queue
from core.swedish_csv import swedish_csv_response
from initiatives.wizard import GUIDE_SESSION_KEY, guide_carried

from . import dcat, open_data, register, register_html
from .forms import AccessibilityReportForm, GuideForm, RegisterFilterForm

REGISTER_PAGE_SIZE = 20
# The session key the new-initiative wizard reads: initiative field values from the guide.
GUIDE_ANSWERS_KEY = GUIDE_SESSION_KEY
GUIDE_STATE_KEY = "iop_guide_state"


def _chosen(forvaltningar, raw) -> object | None:
    return next((f for f in forvaltningar if str(f.pk) == str(raw or "")), None)


@require_http_methods(["GET", "POST"])
def guide(request):
    """Step 1 chooses the förvaltning (its criteria set); step 2 asks that set's questions."""
    forvaltningar = list(guide_forvaltningar())
    chosen = _chosen(
        forvaltningar, request.POST.get("forvaltning") or request.GET.get("forvaltning")
    )
    form = None
    if chosen is not None:
        form = GuideForm(
            request.POST if request.method == "POST" else None, questions=guide_questions(chosen)
        )
        if request.method == "POST" and form.is_valid():
            request.session[GUIDE_STATE_KEY] = {
                "forvaltning": chosen.pk,
                "answers": {str(pk): answer for pk, answer in form.answers().items()},
            }
            request.session[GUIDE_ANSWERS_KEY] = {"forvaltning": chosen.pk} | form.texts()
            return redirect("public:guide_result")
    elif request.method == "POST":
        raise Http404
    return render(
        request,
        "public/guide.html",
        {"forvaltningar": forvaltningar, "chosen": chosen, "form": form},
    )


@require_GET
def guide_result_view(request):
    state = request.session.get(GUIDE_STATE_KEY)
    forvaltningar = list(guide_forvaltningar())
    chosen = _chosen(forvaltningar, state and state.get("forvaltning"))
    if chosen is None:
        return redirect("public:guide")
    answers = {int(pk): answer for pk, answer in state["answers"].items()}
    result = guide_result(questions=guide_questions(chosen), answers=answers)
    return render(
        request,
        "public/guide_result.html",
        {
            "forvaltning": chosen,
            "result": result,
            "Verdict": Verdict,
            "carried": guide_carried(request.session),
        },
    )


class _RegisterPaginator(Paginator):
    """The first page is read before the count: when it is not full it holds every row, and its
    length is the count (most searches fit on one page), so no COUNT is sent.
    """

    def get_page(self, number):
        if not _first_page(number):
            return super().get_page(number)
        rows = list(self.object_list[: self.per_page])
        if len(rows) < self.per_page:
            self.count = len(rows)
        return self._get_page(rows, 1, self)


def _first_page(number) -> bool:
    """Whether Paginator.get_page(number) shows the first page without needing the count:
    page 1, or no number at all (a number out of range means the last page)."""
    try:
        return int(number) == 1
    except (TypeError, ValueError):
        return True


def _register_filters(request):
    forvaltningar = register.register_forvaltningar()
    form = RegisterFilterForm(request.GET or None, forvaltningar=forvaltningar)
    return form, forvaltningar, form.filters()


@require_GET
def register_list(request):
    form, forvaltningar, filters = _register_filters(request)
    # Filtered once: a search word's lookups (public.register._word_matches) serve both the
    # count and the rows.
    filtered = register.register_filtered(**filters, forvaltningar=forvaltningar)
    paginator = _RegisterPaginator(register.register_rows(filtered), REGISTER_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("sida"))
    query = request.GET.copy()
    query.pop("sida", None)
    return render(
        request,
        "public/register.html",
        {
            "form": form,
            "page": page,
            "rows_html": register_html.rows_html(page.object_list),
            "filtered": any(filters.values()),
            "query": query.urlencode(),
            "contacts": [f for f in forvaltningar if f.contact_name or f.contact_email],
        },
    )


@require_GET
def register_csv(request):
    """The register for Swedish Excel: semicolons, a BOM, Swedish headers and values."""
    _form, forvaltningar, filters = _register_filters(request)
    response, writer = swedish_csv_response(
        filename="iop-partnerskap.csv", cache_control=responses.PUBLIC_REVALIDATE
    )
    writer.writerow(open_data.csv_header())
    writer.writerows(
        open_data.csv_row(row)
        for row in register.register_export_rows(**filters, forvaltningar=forvaltningar)
    )
    return response


@require_GET
def register_json(request):
    _form, forvaltningar, filters = _register_filters(request)
    rows = register.register_export_rows(**filters, forvaltningar=forvaltningar)
    results = [open_data.json_row(row) for row in rows]
    return responses.with_download_headers(
        JsonResponse({"count": len(results), "results": results}),
        filename="iop-partnerskap.json",
        inline=True,
        cache_control=responses.PUBLIC_REVALIDATE,
    )


@require_GET
def register_dcat(request):
    """The DCAT-AP-SE description of the register, for Sveriges dataportal to harvest."""
    response = render(
        request,
        "public/dcat.rdf",
        dcat.catalogue(kommun=_kommun_name()),
        content_type="application/rdf+xml; charset=utf-8",
    )
    response["Cache-Control"] = responses.PUBLIC_REVALIDATE
    return response


def _kommun_name() -> str:
    return Kommun.objects.order_by("pk").values_list("name", flat=True).first() or _("Kommunen")


@require_GET
def accessibility(request):
    return render(
        request,
        "public/accessibility.html",
        {
            "kommun": _kommun_name(),
            "contact_email": settings.IOP_ACCESSIBILITY_EMAIL,
        },
    )


def _rate_limited(request) -> bool:
    """Count reports per address for an hour; refuse beyond the configured number."""
    key = "a11y-report:" + request.META.get("REMOTE_ADDR", "")
    cache.add(key, 0, timeout=3600)
    return cache.incr(key) > settings.IOP_ACCESSIBILITY_REPORTS_PER_HOUR


@require_http_methods(["GET", "POST"])
def accessibility_report(request):
    form = AccessibilityReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["website"]:
            # A robot filled in the hidden field: answer as if sent, send nothing.
            messages.success(request, _("Tack! Din rapport är skickad."))
            return redirect("public:accessibility")
        if _rate_limited(request):
            form.add_error(
                None,
                _(
                    "Du har skickat många rapporter på kort tid. Vänta en stund och försök igen, "
                    "eller skriv direkt till %(email)s."
                )
                % {"email": settings.IOP_ACCESSIBILITY_EMAIL},
            )
        else:
            context = form.cleaned_data | {"kommun": _kommun_name()}
            subject = " ".join(
                render_text("public/accessibility_report_mail_subject.txt", context).split()
            )
            body = render_text("public/accessibility_report_mail.txt", context)
            # Through the outbox: a mail server that is down does not lose the report.
            mail_queue(subject=subject, body=body, to=[settings.IOP_ACCESSIBILITY_EMAIL])
            messages.success(
                request,
                _("Tack! Din rapport är skickad till %(email)s.")
                % {"email": settings.IOP_ACCESSIBILITY_EMAIL},
            )
            return redirect("public:accessibility")
    return render(
        request,
        "public/accessibility_report.html",
        {"form": form, "contact_email": settings.IOP_ACCESSIBILITY_EMAIL},
    )


def register_url_for(row_id: int) -> str:
    return reverse("public:register") + f"#partnerskap-{row_id}"
