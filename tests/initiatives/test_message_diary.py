"""A message on the case is registered in the diary, in Swedish, with its side's sender."""

import pytest
from django.utils import translation

from initiatives.message_services import message_send
from initiatives.models import DiaryEntry

pytestmark = pytest.mark.django_db


def _entry(case):
    return DiaryEntry.objects.filter(initiative=case, document="Meddelande").get()


def test_a_message_from_the_organisation_is_registered_by_nobody(town):
    case = town.submitted()
    with translation.override("en"):
        message = message_send(initiative=case, by=town.member, body="Hej!")
    entry = _entry(case)
    assert entry.subject == f"Meddelande i ärendet från {town.member.get_full_name()}"
    assert entry.sender == f"{town.org.name} ({town.org.org_number})"
    assert entry.registered_by is None and entry.received_at == message.sent_at


def test_a_message_from_the_handlaggare_is_registered_by_them(town):
    case = town.submitted()
    message_send(initiative=case, by=town.handlaggare, body="Hej!")
    entry = _entry(case)
    assert entry.subject == f"Meddelande i ärendet från {town.handlaggare.get_full_name()}"
    assert entry.sender == case.forvaltning.name and entry.registered_by == town.handlaggare
