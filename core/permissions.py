"""Who may see the mail outbox and send a failed mail again: superusers, or staff given it."""


def can_see_outbox(user) -> bool:
    # The outbox holds every mail of every förvaltning: not part of any case role (see
    # accounts.roles); a superuser grants it to a named person if someone is to watch it.
    return bool(user.is_active and user.is_staff) and (
        user.is_superuser or user.has_perm("core.view_outboxmail")
    )


def can_resend_mail(user) -> bool:
    return can_see_outbox(user) and (user.is_superuser or user.has_perm("core.resend_outboxmail"))
