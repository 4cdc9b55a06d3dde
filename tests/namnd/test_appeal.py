"""The appeal window and the date a decision can be considered final."""

import datetime

import pytest

from namnd import appeal, justering_services, selectors

from . import support

D = datetime.date


@pytest.mark.parametrize(
    ("posted", "last", "final"),
    [
        (D(2026, 11, 4), D(2026, 11, 25), D(2026, 11, 26)),  # a Wednesday: three weeks on
        (D(2026, 11, 7), D(2026, 11, 30), D(2026, 12, 1)),  # a Saturday: runs to Monday
        (D(2026, 11, 8), D(2026, 11, 30), D(2026, 12, 1)),  # a Sunday: runs to Monday
    ],
)
def test_three_weeks_from_the_anslag(posted, last, final):
    assert appeal.appeal_last_day(posted) == last
    assert appeal.final_date(posted) == final


@pytest.mark.django_db
def test_the_final_date_of_a_cases_decision(town):
    meeting = support.meeting(town)
    paragraf = support.decided(town, meeting)
    case = paragraf.initiative
    assert selectors.decision_final_date(initiative=case) is None
    support.justerat(town, meeting)
    assert selectors.decision_final_date(initiative=case) is None
    posted = meeting.justerad_on
    justering_services.anslag_publish(
        meeting=meeting, by=town.secretary, kept_at="Stadshuset", posted_on=posted
    )
    assert selectors.decision_final_date(initiative=case) == appeal.final_date(posted)
