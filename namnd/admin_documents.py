"""The meeting page's documents in the staff interface: kallelse, protokoll and utdrag
downloads, the expediering of each §, and the batch export with its progress page.

Hooked into SammantradeAdmin by `urls(admin)` and the meeting page's `context`."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.responses import file_response, pdf_response, stored_file_response

from . import documents, expediering_services, export_services, permissions, record_services
from .models import ExportJob, Paragraf

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def context(*, request, meeting) -> dict:
    """What the meeting page's documents part shows (one query: the latest export)."""
    return {
        "manage": permissions.can_manage_meeting(request.user, meeting),
        "latest_export": meeting.export_jobs.order_by("-created_at", "-pk").first(),
    }


def _back(meeting):
    return HttpResponseRedirect(reverse("admin:namnd_sammantrade_change", args=[meeting.pk]))


def _errors(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def urls(model_admin) -> list:
    wrap = model_admin.admin_site.admin_view

    def meeting_of(request, pk):
        return model_admin.get_scoped_object(request, pk)

    @require_GET
    def kallelse(request, pk):
        meeting = meeting_of(request, pk)
        pdf = documents.kallelse_pdf(sammantrade=meeting)
        return pdf_response(pdf, filename=f"kallelse-{meeting.date:%Y-%m-%d}.pdf")

    @require_GET
    def protokoll(request, pk):
        meeting = meeting_of(request, pk)
        try:
            pdf = record_services.protokoll_document(sammantrade=meeting)
        except ValidationError as error:
            _errors(request, error)
            return _back(meeting)
        return pdf_response(pdf, filename=f"protokoll-{meeting.date:%Y-%m-%d}.pdf")

    @require_GET
    def utdrag(request, pk, paragraf_pk, fmt):
        meeting = meeting_of(request, pk)
        paragraf = get_object_or_404(Paragraf, pk=paragraf_pk, sammantrade=meeting)
        if paragraf.number is None or fmt not in ("pdf", "docx"):
            raise Http404
        content = record_services.utdrag_document(paragraf=paragraf, fmt=fmt)
        name = f"protokollsutdrag-{paragraf.initiative.diarienummer}-p{paragraf.number}.{fmt}"
        if fmt == "pdf":
            return pdf_response(content, filename=name)
        return file_response(content, filename=name, content_type=DOCX_TYPE)

    @require_POST
    def expediera(request, pk, paragraf_pk):
        meeting = meeting_of(request, pk)
        paragraf = get_object_or_404(Paragraf, pk=paragraf_pk, sammantrade=meeting)
        try:
            rows = expediering_services.paragraf_expediera(paragraf=paragraf, by=request.user)
        except ValidationError as error:
            _errors(request, error)
        else:
            messages.success(
                request,
                _("Protokollsutdraget för %(p)s är expedierat till %(n)s mottagare.")
                % {"p": paragraf, "n": len(rows)},
            )
        return _back(meeting)

    @require_POST
    def export(request, pk):
        meeting = meeting_of(request, pk)
        try:
            job = export_services.export_order(
                meeting=meeting, by=request.user, kind=request.POST.get("kind", "")
            )
        except ValidationError as error:
            _errors(request, error)
            return _back(meeting)
        return HttpResponseRedirect(
            reverse("admin:namnd_sammantrade_export", args=[meeting.pk, job.pk])
        )

    def job_of(request, pk, job_pk):
        meeting = meeting_of(request, pk)
        if not permissions.can_manage_meeting(request.user, meeting):
            raise PermissionDenied
        return meeting, get_object_or_404(ExportJob, pk=job_pk, sammantrade=meeting)

    @require_GET
    def export_page(request, pk, job_pk):
        meeting, job = job_of(request, pk, job_pk)
        return TemplateResponse(
            request,
            "admin/namnd/sammantrade/export.html",
            {
                **model_admin.admin_site.each_context(request),
                "opts": model_admin.opts,
                "original": meeting,
                "job": job,
                "title": _("Export: %(kind)s") % {"kind": job.get_kind_display()},
                "status_url": reverse(
                    "admin:namnd_sammantrade_export_status", args=[meeting.pk, job.pk]
                ),
            },
        )

    @require_GET
    def export_status(request, pk, job_pk):
        _meeting, job = job_of(request, pk, job_pk)
        return JsonResponse(
            {
                "state": job.state,
                "label": job.get_state_display(),
                "done": job.done,
                "total": job.total,
                "percent": job.percent,
                "error": job.error,
            }
        )

    @require_GET
    def export_download(request, pk, job_pk):
        meeting, job = job_of(request, pk, job_pk)
        if job.state != ExportJob.State.DONE or not job.file:
            raise Http404
        return stored_file_response(
            job.file,
            filename=f"{job.kind}-{meeting.namnd.name}-{meeting.date:%Y-%m-%d}.zip",
            content_type="application/zip",
        )

    return [
        path("<int:pk>/kallelse.pdf", wrap(kallelse), name="namnd_sammantrade_kallelse"),
        path("<int:pk>/protokoll.pdf", wrap(protokoll), name="namnd_sammantrade_protokoll"),
        path(
            "<int:pk>/paragraf/<int:paragraf_pk>/protokollsutdrag.<str:fmt>",
            wrap(utdrag),
            name="namnd_sammantrade_utdrag",
        ),
        path(
            "<int:pk>/paragraf/<int:paragraf_pk>/expediera/",
            wrap(expediera),
            name="namnd_sammantrade_expediera",
        ),
        path("<int:pk>/export/", wrap(export), name="namnd_sammantrade_export_order"),
        path("<int:pk>/export/<int:job_pk>/", wrap(export_page), name="namnd_sammantrade_export"),
        path(
            "<int:pk>/export/<int:job_pk>/status.json",
            wrap(export_status),
            name="namnd_sammantrade_export_status",
        ),
        path(
            "<int:pk>/export/<int:job_pk>/zip",
            wrap(export_download),
            name="namnd_sammantrade_export_download",
        ),
    ]
