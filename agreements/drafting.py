"""The agreement as data: a version's snapshot, the contributions summary, and version diffs.

These are plain functions over dicts so that the admin, the organisation's page, the PDF and the
diff all read a saved version and the current draft the same way.
"""

import difflib
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

from .models import Agreement, ClauseKind, InKind, Party

SIGNATORY_FIELDS = (
    "municipality_signatory",
    "municipality_signatory_title",
    "organisation_signatory",
    "organisation_signatory_title",
)
GOAL_FIELDS = ("goal", "indicator", "target")
CONTRIBUTION_FIELDS = (
    "party",
    "year",
    "amount_sek",
    "in_kind_type",
    "in_kind_description",
    "in_kind_hours",
    "in_kind_value_sek",
)


def snapshot(agreement: Agreement) -> dict:
    """Everything a version keeps; reads clauses, goals, contributions and report dates
    (prefetched where the caller prefetched them)."""
    return {
        "term_start": agreement.term_start.isoformat(),
        "term_end": agreement.term_end.isoformat(),
        **{name: getattr(agreement, name) for name in SIGNATORY_FIELDS},
        "clauses": [
            {"kind": c.kind, "heading": c.heading, "text": c.text}
            for c in sorted(agreement.clauses.all(), key=lambda c: c.position)
        ],
        "goals": [
            {name: getattr(g, name) for name in GOAL_FIELDS}
            for g in sorted(agreement.goals.all(), key=lambda g: (g.order, g.pk))
        ],
        "contributions": [
            {name: getattr(c, name) for name in CONTRIBUTION_FIELDS}
            for c in sorted(agreement.contributions.all(), key=lambda c: (c.year, c.party, c.pk))
        ],
        "report_dates": [
            {"due_date": r.due_date.isoformat(), "description": r.description}
            for r in sorted(agreement.report_dates.all(), key=lambda r: r.due_date)
        ],
    }


@dataclass
class PartyTotal:
    party: str
    label: str
    money: int = 0
    in_kind: int = 0
    share: float = 0.0

    @property
    def total(self) -> int:
        return self.money + self.in_kind


@dataclass
class Summary:
    parties: list[PartyTotal]
    years: list[tuple[int, int, int]]  # (year, municipality total, organisation total)
    total: int
    municipal_money: int
    limit: int
    warnings: list[str] = field(default_factory=list)
    information: list[str] = field(default_factory=list)


def contribution_summary(contributions: list[dict]) -> Summary:
    """Each party's money, valued resources and share; the warning and information lines."""
    totals = {p: PartyTotal(party=p, label=Party(p).label) for p in Party.values}
    by_year: dict[int, dict[str, int]] = defaultdict(lambda: dict.fromkeys(Party.values, 0))
    for c in contributions:
        party = totals[c["party"]]
        party.money += c["amount_sek"] or 0
        party.in_kind += c["in_kind_value_sek"] or 0
        by_year[c["year"]][c["party"]] += (c["amount_sek"] or 0) + (c["in_kind_value_sek"] or 0)
    total = sum(p.total for p in totals.values())
    for p in totals.values():
        p.share = round(100 * p.total / total, 1) if total else 0.0
    municipality, organisation = totals[Party.MUNICIPALITY], totals[Party.ORGANISATION]
    limit = settings.IOP_DIRECT_PROCUREMENT_LIMIT_SEK
    summary = Summary(
        parties=[municipality, organisation],
        years=[
            (year, v[Party.MUNICIPALITY], v[Party.ORGANISATION])
            for year, v in sorted(by_year.items())
        ],
        total=total,
        municipal_money=municipality.money,
        limit=limit,
    )
    if municipality.total > 0 and organisation.total == 0:
        summary.warnings.append(
            _(
                "Kommunen står för hela finansieringen. Ett IOP förutsätter att båda parter "
                "finansierar verksamheten, med pengar eller andra resurser som lokaler eller "
                "ideell tid: lägg till organisationens insats och dess värdering."
            )
        )
    if limit and municipality.money > limit:
        summary.information.append(
            _(
                "Kommunens pengar under avtalstiden (%(money)s kr) är mer än "
                "direktupphandlingsgränsen (%(limit)s kr). Det är bara information: en "
                "beloppsgräns avgör inte om ett IOP ska ingås, men pröva noga att det inte finns "
                "en marknad att vårda."
            )
            % {"money": _kronor(municipality.money), "limit": _kronor(limit)}
        )
    return summary


def _kronor(value: int) -> str:
    return f"{value:,}".replace(",", "\u00a0")


def _contribution_line(c: dict) -> str:
    parts = []
    if c["amount_sek"]:
        parts.append(_("%(sek)s kr i pengar") % {"sek": _kronor(c["amount_sek"])})
    if c["in_kind_type"] or c["in_kind_description"]:
        kind = InKind(c["in_kind_type"]).label if c["in_kind_type"] else _("Annan resurs")
        hours = _(", %(h)s timmar") % {"h": c["in_kind_hours"]} if c["in_kind_hours"] else ""
        parts.append(
            _("%(kind)s (%(desc)s%(hours)s) värderat till %(sek)s kr")
            % {
                "kind": kind,
                "desc": c["in_kind_description"],
                "hours": hours,
                "sek": _kronor(c["in_kind_value_sek"]),
            }
        )
    return f"{c['year']} {Party(c['party']).label}: " + ", ".join(parts)


def _sections(snap: dict) -> dict[str, tuple[str, list[str]]]:
    """The snapshot as titled blocks of lines, keyed to compare the same block across versions."""
    sections = {
        "term": (_("Avtalstid"), [f"{snap['term_start']} – {snap['term_end']}"]),
        "signatories": (
            _("Undertecknare"),
            [
                f"{Party.MUNICIPALITY.label}: {snap['municipality_signatory']}, "
                f"{snap['municipality_signatory_title']}",
                f"{Party.ORGANISATION.label}: {snap['organisation_signatory']}, "
                f"{snap['organisation_signatory_title']}",
            ],
        ),
    }
    for clause in snap["clauses"]:
        title = clause["heading"] or ClauseKind(clause["kind"]).label
        sections[f"clause:{clause['kind']}"] = (title, clause["text"].splitlines() or [""])
    sections["goals"] = (
        _("Mål"),
        [
            " – ".join(part for part in (g["goal"], g["indicator"], g["target"]) if part)
            for g in snap.get("goals", [])
        ],
    )
    sections["contributions"] = (
        _("Insatser"),
        [_contribution_line(c) for c in snap["contributions"]],
    )
    sections["report_dates"] = (
        _("Rapportdatum"),
        [f"{r['due_date']}: {r['description']}" for r in snap["report_dates"]],
    )
    return sections


@dataclass
class DiffSection:
    title: str
    lines: list[tuple[str, str]]  # (" ", "-" or "+", text)


def version_diff(old: dict, new: dict) -> list[DiffSection]:
    """The blocks that differ between two snapshots, line by line, in the newer one's order."""
    before, after = _sections(old), _sections(new)
    keys = list(after) + [k for k in before if k not in after]
    changed = []
    for key in keys:
        old_title, old_lines = before.get(key, ("", []))
        new_title, new_lines = after.get(key, (old_title, []))
        if old_lines == new_lines and old_title == new_title:
            continue
        lines: list[tuple[str, str]] = []
        if old_title != new_title and old_title:
            lines += [("-", old_title), ("+", new_title)]
        matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
            if op == "equal":
                lines += [(" ", line) for line in old_lines[a1:a2]]
            else:
                lines += [("-", line) for line in old_lines[a1:a2]]
                lines += [("+", line) for line in new_lines[b1:b2]]
        changed.append(DiffSection(title=new_title or old_title, lines=lines))
    return changed
