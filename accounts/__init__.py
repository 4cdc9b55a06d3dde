"""Users and the municipal bodies they work in (kommun, nämnd, förvaltning).

A separate app because all three case apps depend on it and none owns it: the custom user model
must exist from the first migration, and a förvaltning is the unit that scopes staff access,
registers cases and holds the diary series.
"""
