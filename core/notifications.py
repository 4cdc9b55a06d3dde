"""Outgoing mail: rendered from templates, written to the outbox in the caller's transaction."""

from django.conf import settings
from django.template import Context
from django.template.loader import get_template
from django.urls import reverse
from django.utils import translation

from .outbox import mail_queue


def portal_url(name: str, *args) -> str:
    """The full address of the portal's page `name` with `args`, for a link in a mail: built
    from IOP_PORTAL_URL, never from a request's host."""
    return settings.IOP_PORTAL_URL.rstrip("/") + reverse(name, args=args)


def render_mail(template: str, context: dict, language: str | None = None) -> tuple[str, str]:
    """Return (subject, body) from templates/mail/<template>_subject.txt and <template>.txt."""
    with translation.override(language or settings.LANGUAGE_CODE):
        ctx = {
            "portal_url": settings.IOP_PORTAL_URL,
            "cases_url": settings.IOP_PORTAL_URL.rstrip("/") + reverse("initiatives:my_cases"),
            **context,
        }
        subject = render_text(f"mail/{template}_subject.txt", ctx)
        body = render_text(f"mail/{template}.txt", ctx)
    return " ".join(subject.split()), body


def render_text(template_name: str, context: dict) -> str:
    """Render a plain-text template: no HTML escaping, so "A & B" stays "A & B" in a mail."""
    return get_template(template_name).template.render(Context(context, autoescape=False))


def record_language():
    """Texts stored in the case record are written in the municipality's language (Swedish),
    whatever language the person acting has chosen for the interface."""
    return translation.override(settings.LANGUAGE_CODE)


def record_text(message: str, **params) -> str:
    """Translate a gettext_noop-marked message (and lazy params) into the record language."""
    with record_language():
        text = translation.gettext(message)
        return text % {k: str(v) for k, v in params.items()} if params else text


def send_on_commit(*, template: str, context: dict, to: list[str]) -> None:
    """Queue the mail in the outbox inside the current transaction.

    The row commits or rolls back with the change that causes it; a worker sends it after the
    commit (core.outbox), so a mail server that is slow or down never reaches the request.
    """
    subject, body = render_mail(template, context)
    mail_queue(subject=subject, body=body, to=to, template=template)
