"""The case layer's models: the case, its diary and records, the case work, messages."""

from .case import ENDED_STATUSES, OPEN_STATUSES, Initiative, InitiativeQuerySet, ReceivedVia, Status
from .casework import CaseAssignment, DialogueMeeting, WatchDate
from .diary import Attachment, DiaryCounter, DiaryEntry, StatusChange, attachment_path
from .messages import CaseMessage, DraftProgress

__all__ = [
    "ENDED_STATUSES",
    "OPEN_STATUSES",
    "Attachment",
    "CaseAssignment",
    "CaseMessage",
    "DialogueMeeting",
    "DiaryCounter",
    "DiaryEntry",
    "DraftProgress",
    "Initiative",
    "InitiativeQuerySet",
    "ReceivedVia",
    "Status",
    "StatusChange",
    "WatchDate",
    "attachment_path",
]
