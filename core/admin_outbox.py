"""The outbox in the admin: staff who may see it find failed mails and send them again."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy, ngettext

from . import outbox, permissions
from .admin import ReadOnlyAdminMixin, ScopedAdmin
from .models import OutboxMail

# Mails whose text carries a link that logs in, resets a password or joins an organisation.
PERSONAL_LINK_TEMPLATES = frozenset({"password_reset", "email_verification", "invitation"})


@admin.action(
    description=gettext_lazy("Skicka valda misslyckade e-postmeddelanden igen"),
    permissions=["resend"],
)
def resend_selected(modeladmin, request, queryset):
    count = outbox.outbox_resend(mails=queryset, by=request.user)
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d e-postmeddelande skickas igen.",
            "%(count)d e-postmeddelanden skickas igen.",
            count,
        )
        % {"count": count},
        messages.SUCCESS if count else messages.WARNING,
    )


@admin.register(OutboxMail)
class OutboxMailAdmin(ReadOnlyAdminMixin, ScopedAdmin):
    list_display = ("created_at", "subject", "recipient_list", "status", "attempts", "sent_at")
    list_filter = ("status", "template")
    search_fields = ("subject",)
    date_hierarchy = "created_at"
    actions = (resend_selected,)
    fields = (
        "status",
        "template",
        "recipient_list",
        "subject",
        "text",
        "attempts",
        "last_error",
        "created_at",
        "next_attempt_at",
        "sent_at",
        "resent_by",
    )
    readonly_fields = fields

    # No per-förvaltning scope: whoever may see the outbox sees all of it (core.permissions);
    # everyone else is refused every page of it.
    def has_module_permission(self, request):
        return permissions.can_see_outbox(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.can_see_outbox(request.user)

    def has_resend_permission(self, request):
        return permissions.can_resend_mail(request.user)

    @admin.display(description=gettext_lazy("text"))
    def text(self, obj):
        if obj.template in PERSONAL_LINK_TEMPLATES:
            # A reset or confirmation link works for whoever holds it: not shown to anyone.
            return gettext_lazy("(Innehåller en personlig länk och visas inte.)")
        return obj.body

    @admin.display(description=gettext_lazy("mottagare"))
    def recipient_list(self, obj):
        return ", ".join(obj.recipients)
