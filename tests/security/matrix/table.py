"""The shape of the permission matrix: one entry per URL pattern, a grid per method.

A grid says, for each target (an object the URL names, in or out of a role's scope), what
each role gets, in the order of world.ROLES:

    anonymous  firmatecknare  kontaktperson  handlaggare  sekreterare  superuser

Outcomes: a status code (200, 301, 302, 400, 401, 403, 404, 405, 409), `login` (302 to the
portal's login) or `alogin` (302 to the admin's login). A refusal (login, alogin, 400, 401,
403, 404, 405, 409) changes nothing in the database, and neither does an outcome written with
`=` (`200=`: the form comes back with errors; `302=`: redirected with a message). A plain 200
or 302 to a POST may write.
A GET writes nothing either (the session table aside), unless its entry says `get_writes`.
"""

import dataclasses
from collections.abc import Callable

from .world import ROLES

# 401 and 409: a script's JSON endpoint (the wizard's autosave) for an ended session or a
# case that can no longer be changed.
REFUSALS = frozenset({"login", "alogin", "400", "401", "403", "404", "405", "409"})
OUTCOMES = REFUSALS | {"200", "200=", "204", "301", "302", "302="}
NONE = "_"  # the target of a URL that names no object

Grid = dict[str, tuple[str, ...]]


def grid(**rows: str) -> Grid:
    """Rows of six outcomes, one per role."""
    out = {}
    for target, row in rows.items():
        cells = tuple(row.split())
        if len(cells) != len(ROLES) or not set(cells) <= OUTCOMES:
            raise ValueError(f"bad row for {target!r}: {row!r}")
        out[target] = cells
    return out


def admin(**rows: str) -> Grid:
    """Rows of three outcomes (handläggare, nämndsekreterare, superuser) for an admin page:
    everyone else is sent to the admin's login."""
    return grid(**{target: "alogin alogin alogin " + row for target, row in rows.items()})


def every(cell: str, targets, roles=ROLES) -> Grid:
    return grid(**{t: " ".join(cell for _ in roles) for t in targets})


def keeps_nothing(outcome: str) -> bool:
    """Whether this outcome must leave the database as it was."""
    return outcome in REFUSALS or outcome.endswith("=")


@dataclasses.dataclass(frozen=True)
class Entry:
    """What one URL pattern answers.

    `url(world, target)` builds the URL. `post` is the grid for a POST (None: the view only
    reads, so a POST is answered as `get` says and writes nothing). The POST body is
    `data(world, target)` if given, else the page's own form as `ref` (a user name in
    world.users) sees it, so that a refused POST is a complete, valid one that would change
    something if let through.
    """

    url: Callable
    get: Grid
    post: Grid | None = None
    data: Callable | None = None
    ref: str | None = None
    get_writes: bool = False  # a link from a mail that does its work on GET

    def grid_for(self, method: str) -> Grid:
        if method == "POST" and self.post is not None:
            return self.post
        return self.get

    def must_keep(self, method: str, outcome: str) -> bool:
        """Whether a request answered `outcome` (as expected) must leave the database as it was."""
        if method == "GET":
            return not self.get_writes
        return self.post is None or keeps_nothing(outcome)
