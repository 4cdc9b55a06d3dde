"""Reads for the public register of partnerships: only what a förvaltning has published.

Rows carry the organisation's and the förvaltning's names and the förvaltning's contact person
(sakkunnig), never anything about an organisation's members or contact people.

The register is SQL written here rather than querysets. It is the busiest page anyone can reach
without logging in, and for a two-word search building its querysets cost about 7 ms of Python
beside 3 ms of SQL (make bench, 10 000 partnerships). One builder serves the page, its
count, the feed, the period and both downloads, so each applies the same filters. A search word
is matched as Django's icontains writes it for the database in use (connection.ops), so that
PostgreSQL's trigram indexes on UPPER(column) answer it and `make run`'s SQLite runs the same
statements. Every value reaches the database as a parameter: the f-strings join only table
names and this module's own fragments (hence the noqa: S608).
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connection, models
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext_lazy as _

from accounts.models import Forvaltning, Kommun, Namnd
from agreements.models import Agreement, Contribution, Party
from decisions.models import Decision
from initiatives.models import Initiative, Status
from organisations.models import Organisation


class RegisterState(models.TextChoices):
    """A row's state in the register, and the register's filter by it."""

    ACTIVE = "active", _("Pågående")
    ENDED = "ended", _("Avslutade")


# A word matching more rows than this in a table is too common to look up by ids; it is matched
# on the joined rows instead, which the other, rarer words have already narrowed down.
MAX_IDS = 500
# The cases whose partnership the register shows, once the nämnd has decided.
SHOWN_STATUSES = (Status.ACTIVE, Status.CLOSED, Status.TERMINATED)
ENDED_STATUSES = (Status.CLOSED, Status.TERMINATED)


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


# Every statement reads the agreement as a, its case as i, the organisation as o and the
# förvaltning as f (a case without one is still a partnership: f is an outer join).
_FROM = (
    f"{_table(Agreement)} a JOIN {_table(Initiative)} i ON i.id = a.initiative_id"
    f" JOIN {_table(Organisation)} o ON o.id = i.organisation_id"
    f" LEFT JOIN {_table(Forvaltning)} f ON f.id = i.forvaltning_id"
)
# A count needs no organisation or förvaltning unless a word is matched on their names.
_FROM_FOR_COUNT = f"{_table(Agreement)} a JOIN {_table(Initiative)} i ON i.id = a.initiative_id"
_FROM_FOR_EXPORT = (
    f"{_FROM} LEFT JOIN {_table(Kommun)} k ON k.id = f.kommun_id"
    f" LEFT JOIN {_table(Namnd)} n ON n.id = f.namnd_id"
    f" LEFT JOIN {_table(Initiative)} r ON r.id = i.renews_id"
)


def _placeholders(values) -> str:
    return ", ".join(["%s"] * len(values))


def _ended() -> tuple[str, list]:
    """Ended: the case is closed or terminated, or the agreement's term is over."""
    today = timezone.localdate()
    return (
        f"(i.status IN ({_placeholders(ENDED_STATUSES)}) OR a.term_end < %s)",
        [*ENDED_STATUSES, today],
    )


def _contains(column: str) -> str:
    """`column` contains the statement's next parameter (made by _pattern), as the ORM's
    icontains writes it for this database: UPPER(column::text) LIKE UPPER(%s) on PostgreSQL."""
    lhs = connection.ops.lookup_cast("icontains", "TextField") % column
    return f"{lhs} {connection.operators['icontains'] % '%s'}"


def _pattern(word: str) -> str:
    return f"%{connection.ops.prep_for_like_query(word)}%"


@dataclass
class Filters:
    """The register's WHERE clause and its parameters, built once a request."""

    sql: str
    params: list
    # Whether a condition names o or f, which a count then has to join.
    names_joined: bool = False


@dataclass(frozen=True)
class RegisterForvaltning:
    """What the register shows of a förvaltning: its name and its sakkunnig contact."""

    pk: int
    name: str
    contact_name: str
    contact_email: str
    contact_phone: str


def register_filtered(
    *,
    q: str = "",
    state: str = "",
    forvaltning_id: int | None = None,
    forvaltningar: list[RegisterForvaltning] | None = None,
) -> Filters:
    """Published partnerships whose nämnd has decided, filtered by a search, state and
    förvaltning. Every word of `q` must match; how a word is matched, see _word_matches.

    `forvaltningar`, every förvaltning (register_forvaltningar()) when the caller has them
    already, lets a word be matched on their names without a query of its own.
    """
    # Bare, as the ORM writes it: the register's partial index is WHERE publishable.
    conditions = ["a.publishable", f"i.status IN ({_placeholders(SHOWN_STATUSES)})"]
    params = [*SHOWN_STATUSES]
    names_joined = False
    if state in (RegisterState.ACTIVE, RegisterState.ENDED):
        ended, ended_params = _ended()
        conditions.append(ended if state == RegisterState.ENDED else f"NOT {ended}")
        params += ended_params
    if forvaltning_id:
        conditions.append("i.forvaltning_id = %s")
        params.append(forvaltning_id)
    if words := q.split():
        with connection.cursor() as cursor:
            for word in words:
                sql, word_params, joined = _word_matches(cursor, word, forvaltningar)
                conditions.append(sql)
                params += word_params
                names_joined = names_joined or joined
    return Filters(" AND ".join(conditions), params, names_joined)


def _word_matches(cursor, word: str, all_forvaltningar) -> tuple[str, list, bool]:
    """Partnerships where `word` is in the summary, or in the case's title, the organisation's
    name or the förvaltning's name: the condition, its parameters, and whether it names o or f.

    A rare word is looked up in each table on its own, where an index answers it (trigram
    indexes on the summary, the title and the organisation's name; the förvaltningar are few,
    and matched in `all_forvaltningar` when the caller has them), and reaches the partnerships
    as ids of cases; matching it across the joined tables instead meant reading every
    partnership with its case and organisation. A common word (more than MAX_IDS matches) is
    matched on the joined rows, after the rare words have narrowed them.
    """
    pattern = _pattern(word)
    columns = ("i.title", "o.name", "f.name", "a.public_summary")
    joined = (f"({' OR '.join(_contains(c) for c in columns)})", [pattern] * 4, True)
    organisations = _ids(
        cursor,
        f"SELECT id FROM {_table(Organisation)} WHERE {_contains('name')}",  # noqa: S608
        [pattern],
    )
    if organisations is None:
        return joined
    if all_forvaltningar is None:
        forvaltningar = _ids(
            cursor,
            f"SELECT id FROM {_table(Forvaltning)} WHERE {_contains('name')}",  # noqa: S608
            [pattern],
        )
    else:
        # A handful of names, read for the page anyway: matched here as icontains would.
        upper = word.upper()
        forvaltningar = [f.pk for f in all_forvaltningar if upper in f.name.upper()]
    if forvaltningar is None or len(forvaltningar) > MAX_IDS:
        return joined
    case_conditions, case_params = [_contains("title")], [pattern]
    for column, ids in (("organisation_id", organisations), ("forvaltning_id", forvaltningar)):
        if ids:
            case_conditions.append(f"{column} IN ({_placeholders(ids)})")
            case_params += ids
    cases = _ids(
        cursor,
        f"SELECT id FROM {_table(Initiative)} WHERE {' OR '.join(case_conditions)}",  # noqa: S608
        case_params,
    )
    if cases is None:
        return joined
    summary = _contains("a.public_summary")
    if not cases:
        return summary, [pattern], False
    return f"({summary} OR a.initiative_id IN ({_placeholders(cases)}))", [pattern, *cases], False


def _ids(cursor, sql: str, params: list) -> list[int] | None:
    """The ids the statement selects, or None when there are more than MAX_IDS."""
    cursor.execute(f"{sql} LIMIT {MAX_IDS + 1}", params)
    ids = [row[0] for row in cursor.fetchall()]
    return None if len(ids) > MAX_IDS else ids


def _contribution(party: str) -> tuple[str, list]:
    return (
        "COALESCE((SELECT SUM(c.amount_sek) + SUM(c.in_kind_value_sek)"  # noqa: S608
        f" FROM {_table(Contribution)} c WHERE c.agreement_id = a.id AND c.party = %s), 0)",
        [party],
    )


def _approving_decision(column: str) -> tuple[str, list]:
    """The nämnd's latest approving decision on the case: its date or its paragraph."""
    return (
        f"(SELECT d.{column} FROM {_table(Decision)} d"  # noqa: S608
        " WHERE d.initiative_id = a.initiative_id AND d.outcome = %s"
        " ORDER BY d.meeting_date DESC, d.id DESC LIMIT 1)",
        [Decision.Outcome.APPROVED],
    )


def _shown_columns() -> list[tuple[str, list]]:
    """What a row of the page and the feed shows: (SQL AS name, its parameters)."""
    ended, ended_params = _ended()
    municipality, municipality_params = _contribution(Party.MUNICIPALITY)
    organisation, organisation_params = _contribution(Party.ORGANISATION)
    return [
        ("a.id AS id, a.term_start AS term_start, a.term_end AS term_end", []),
        ("a.created_at AS created_at, o.name AS organisation, i.title AS title", []),
        ("f.name AS forvaltning", []),
        (
            f"CASE WHEN {ended} THEN %s ELSE %s END AS state",
            [*ended_params, RegisterState.ENDED.value, RegisterState.ACTIVE.value],
        ),
        (f"{municipality} AS municipality_contribution_sek", municipality_params),
        (f"{organisation} AS organisation_contribution_sek", organisation_params),
        ("a.public_summary AS summary, f.contact_name AS contact_name", []),
        ("f.contact_email AS contact_email, f.contact_phone AS contact_phone", []),
    ]


def _export_columns() -> list[tuple[str, list]]:
    """What the downloads (public.open_data) add: the case's identity and the decision."""
    decision_date, date_params = _approving_decision("meeting_date")
    paragraph, paragraph_params = _approving_decision("paragraph")
    return [
        *_shown_columns(),
        ("i.diarienummer AS diarienummer, o.org_number AS organisationsnummer", []),
        ("k.name AS kommun, n.name AS namnd, r.diarienummer AS renews", []),
        (f"{decision_date} AS decision_date", date_params),
        (f"{paragraph} AS decision_paragraph", paragraph_params),
    ]


# The columns that come back as text from SQLite (make run), and their types.
_DATES = ("term_start", "term_end", "decision_date", "first_day", "last_day")
_DATETIMES = ("created_at", "updated")


def _typed(row: dict) -> dict:
    """Dates and times as the ORM would give them. PostgreSQL's driver already does that;
    SQLite stores them as text."""
    if connection.vendor != "sqlite":
        return row
    for key in _DATES:
        if isinstance(row.get(key), str):
            row[key] = parse_date(row[key])
    for key in _DATETIMES:
        if isinstance(row.get(key), str):
            value = parse_datetime(row[key])
            row[key] = (
                timezone.make_aware(value, datetime.UTC) if timezone.is_naive(value) else value
            )
    return row


def _select(
    columns, from_sql: str, filters: Filters, tail: str = "", tail_params=()
) -> tuple[str, list]:
    """The statement selecting `columns` from `from_sql` under `filters`, and its parameters
    in order: the columns', the filters', then the tail's (ORDER BY, LIMIT)."""
    return (
        f"SELECT {', '.join(sql for sql, _params in columns)} FROM {from_sql}"  # noqa: S608
        f" WHERE {filters.sql} {tail}"
    ), [
        *(p for _sql, params in columns for p in params),
        *filters.params,
        *tail_params,
    ]


def _dicts(sql: str, params: list) -> list[dict]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        return [_typed(dict(zip(names, row, strict=True))) for row in cursor.fetchall()]


NEWEST_FIRST = "ORDER BY a.term_start DESC, a.id DESC"


class RegisterRows:
    """register_filtered(**filters)'s partnerships newest first, as a paginator reads them: its
    count() and a slice of rows (dicts of the columns shown), each one statement."""

    def __init__(self, filters: Filters):
        self.filters = filters

    def count(self) -> int:
        source = _FROM if self.filters.names_joined else _FROM_FOR_COUNT
        sql, params = _select([("COUNT(*)", [])], source, self.filters)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()[0]

    def __getitem__(self, bounds: slice) -> list[dict]:
        start = bounds.start or 0
        sql, params = _select(
            _shown_columns(),
            _FROM,
            self.filters,
            f"{NEWEST_FIRST} LIMIT %s OFFSET %s",
            [bounds.stop - start, start],
        )
        return _dicts(sql, params)


def register_rows(filtered: Filters) -> RegisterRows:
    """The partnerships of `filtered` (made by register_filtered) newest first."""
    return RegisterRows(filtered)


def register_newest(limit: int) -> list[dict]:
    """The `limit` partnerships published last (the feed), with the columns the page shows."""
    sql, params = _select(
        _shown_columns(),
        _FROM,
        register_filtered(),
        "ORDER BY a.created_at DESC, a.id DESC LIMIT %s",
        [limit],
    )
    return _dicts(sql, params)


def register_export_rows(**filters) -> Iterator[dict]:
    """Every partnership of register_filtered(**filters) newest first, with what the CSV and
    JSON downloads hold: a statement of its own, so that the page does not join for them."""
    sql, params = _select(
        _export_columns(), _FROM_FOR_EXPORT, register_filtered(**filters), NEWEST_FIRST
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        names = [column[0] for column in cursor.description]
        while batch := cursor.fetchmany(500):
            for row in batch:
                yield _typed(dict(zip(names, row, strict=True)))


def register_period() -> dict:
    """The first day and the last of the published partnerships' terms, and when the last was
    published (each None if none)."""
    columns = [
        ("MIN(a.term_start) AS first_day, MAX(a.term_end) AS last_day", []),
        ("MAX(a.created_at) AS updated", []),
    ]
    sql, params = _select(columns, _FROM_FOR_COUNT, register_filtered())
    row = _dicts(sql, params)[0]
    return {"start": row["first_day"], "end": row["last_day"], "updated": row["updated"]}


def register_forvaltningar() -> list[RegisterForvaltning]:
    """Every förvaltning with its sakkunnig contact: the way in, partnerships or not."""
    with connection.cursor() as cursor:
        columns = "id, name, contact_name, contact_email, contact_phone"
        cursor.execute(f"SELECT {columns} FROM {_table(Forvaltning)} ORDER BY name")  # noqa: S608
        return [RegisterForvaltning(*row) for row in cursor.fetchall()]
