"""The register's rows as markup, one string for the page's list.

Written here rather than in public/register.html for the same reason as the staff queue's
(initiatives.admin_queue_html): twenty rows through the template language cost the search page
about as much as its SQL. The template keeps everything else on the page; the markup below is
what it had for each row, and tests/public reads it back.
"""

from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from core.templatetags.iop_format import format_kronor

from .register import RegisterState


def rows_html(rows: list[dict]) -> SafeString:
    """Each partnership as an <li> of the register's list; every value escaped."""
    # Translated once for the page, not once a row.
    t_and = escape(_("och"))
    t_term = escape(_("Avtalstid"))
    t_state = {
        RegisterState.ENDED.value: escape(_("avslutat")),
        RegisterState.ACTIVE.value: escape(_("pågående")),
    }
    t_municipality = escape(_("Kommunens insats"))
    t_organisation = escape(_("Organisationens insats"))
    t_contact = escape(_("Kontaktperson på förvaltningen"))
    written = []
    for p in rows:
        contact = ""
        if p["contact_name"] or p["contact_email"]:
            email = escape(p["contact_email"] or "")
            link = f', <a href="mailto:{email}">{email}</a>' if email else ""
            contact = (
                f'<dt class="col-sm-4">{t_contact}</dt>'
                f'<dd class="col-sm-8">{escape(p["contact_name"] or "")}{link}</dd>'
            )
        summary = p["summary"]
        written.append(
            f'<li class="border-top py-3" id="partnerskap-{int(p["id"])}">'
            f'<h2 class="h5 mb-1">{escape(p["title"] or "")}</h2>'
            f'<p class="mb-1"><strong>{escape(p["organisation"] or "")}</strong> {t_and} '
            f"{escape(p['forvaltning'] or '')}</p>"
            '<dl class="row mb-1 small">'
            f'<dt class="col-sm-4">{t_term}</dt>'
            f'<dd class="col-sm-8">{p["term_start"].isoformat()} – {p["term_end"].isoformat()}'
            f" ({t_state[p['state']]})</dd>"
            f'<dt class="col-sm-4">{t_municipality}</dt>'
            f'<dd class="col-sm-8">{format_kronor(p["municipality_contribution_sek"])}</dd>'
            f'<dt class="col-sm-4">{t_organisation}</dt>'
            f'<dd class="col-sm-8">{format_kronor(p["organisation_contribution_sek"])}</dd>'
            f"{contact}</dl>"
            + (f'<p class="prewrap mb-0">{escape(summary)}</p>' if summary else "")
            + "</li>\n"
        )
    return mark_safe("".join(written))  # noqa: S308 - every value above is escaped
