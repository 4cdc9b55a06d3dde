"""Staff side of case messages: read-only records on the case page and a reply form."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.admin import ReadOnlyAdminMixin, ScopedAdmin

from . import message_services, permissions, selectors
from .forms import MessageForm, add_file_error
from .models import CaseMessage


def attachment_links(attachments):
    """The attachments as links to their files, or a dash when there are none."""
    return (
        format_html_join(
            ", ",
            '<a href="{}">{}</a>',
            ((a.get_absolute_url(), a.original_name) for a in attachments),
        )
        or "–"
    )


class CaseMessageInline(ReadOnlyAdminMixin, admin.TabularInline):
    """The messages on the case page, with a link to the reply form."""

    model = CaseMessage
    extra = 0
    fields = ("sent_at", "author", "from_staff", "body", "files")
    readonly_fields = fields
    template = "admin/initiatives/casemessage_inline.html"

    def get_queryset(self, request):
        return (
            super().get_queryset(request).select_related("author").prefetch_related("attachments")
        )

    @admin.display(description=gettext_lazy("bilagor"))
    def files(self, obj):
        return attachment_links(obj.attachments.all())


@admin.register(CaseMessage)
class CaseMessageAdmin(ReadOnlyAdminMixin, ScopedAdmin):
    list_display = ("sent_at", "initiative", "author", "from_staff")
    list_select_related = ("initiative", "author")
    list_filter = ("from_staff",)
    search_fields = ("initiative__diarienummer", "body")
    fields = ("initiative", "sent_at", "author", "from_staff", "body", "files")
    readonly_fields = fields

    def get_queryset(self, request):
        scope = permissions.staff_scope(request.user)
        return super().get_queryset(request).filter(scope).prefetch_related("attachments")

    @admin.display(description=gettext_lazy("bilagor"))
    def files(self, obj):
        return attachment_links(obj.attachments.all())

    def get_urls(self):
        return [
            path(
                "svara/<int:pk>/",
                self.admin_site.admin_view(self.reply_view),
                name="initiatives_casemessage_reply",
            ),
            *super().get_urls(),
        ]

    def reply_view(self, request, pk):
        """Write to the organisation on case `pk`; the message goes to its members by email."""
        case = selectors.case_for(user=request.user, pk=pk)
        if not permissions.can_message(request.user, case):
            raise PermissionDenied
        form = MessageForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                message_services.message_send(
                    initiative=case,
                    by=request.user,
                    body=form.cleaned_data["body"],
                    files=form.uploads(),
                )
            except ValidationError as error:
                add_file_error(form, error)
            else:
                messages.success(request, _("Meddelandet är skickat till organisationen."))
                return HttpResponseRedirect(
                    reverse("admin:initiatives_initiative_change", args=[pk])
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": case._meta,
            "original": case,
            "title": _("Svara organisationen"),
            "form": form,
            "case_messages": CaseMessage.objects.filter(initiative=case).select_related("author"),
        }
        return TemplateResponse(request, "admin/initiatives/casemessage_reply_form.html", context)
