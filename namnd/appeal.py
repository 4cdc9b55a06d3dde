"""The appeal window of a decision on the anslagstavla (kommunallagen 13 kap. 5 §).

An appeal (laglighetsprövning) must come in within three weeks of the day the justerade
protokoll was posted. A period that ends on a Saturday or Sunday runs to the next weekday (lag
1930:173 om beräkning av lagstadgad tid). Public holidays are not in the portal's calendar, so
when the window ends on one the real last day is later than the one shown here.
"""

import datetime

APPEAL_WINDOW = datetime.timedelta(weeks=3)


def appeal_last_day(posted_on: datetime.date) -> datetime.date:
    """The last day an appeal can come in."""
    day = posted_on + APPEAL_WINDOW
    while day.weekday() >= 5:
        day += datetime.timedelta(days=1)
    return day


def final_date(posted_on: datetime.date) -> datetime.date:
    """The first day the decision can be considered final (laga kraft) if nobody appealed."""
    return appeal_last_day(posted_on) + datetime.timedelta(days=1)
