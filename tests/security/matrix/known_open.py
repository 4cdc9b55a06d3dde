"""Cells of the matrix that fail today, each with the branch that fixes it.

(route, role, target, method) -> reason. Such a cell must still answer otherwise than the table
says (its row is then reported as xfail); once the fix is merged it answers as the table says,
the test fails asking for the line here to be deleted (as xfail(strict=True) would).
"""

# reason -> route -> method -> target -> the roles for whom the cell is still open, e.g.
#     "sec-scope: …": {"admin/…/history/": {"GET": {"other_org": "handlaggare sekreterare"}}}
# (Empty: the cells sec-scope fixed were listed here until it was merged.)
_OPEN: dict[str, dict[str, dict[str, dict[str, str]]]] = {}

KNOWN_OPEN: dict[tuple[str, str, str, str], str] = {
    (route, role, target, method): reason
    for reason, by_route in _OPEN.items()
    for route, by_method in by_route.items()
    for method, by_target in by_method.items()
    for target, roles in by_target.items()
    for role in roles.split()
}
