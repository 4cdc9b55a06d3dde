"""The agreements app's models, one module per subject; Django looks for them here."""

from .agreement import Agreement, AgreementClause, Contribution, InKind, Party, ReportDate
from .goals import AgreementAmendment, AgreementGoal
from .signing import AgreementComment, AgreementVersion, Signature
from .templates import AgreementTemplate, ClauseKind, TemplateClause

__all__ = [
    "Agreement",
    "AgreementAmendment",
    "AgreementClause",
    "AgreementComment",
    "AgreementGoal",
    "AgreementTemplate",
    "AgreementVersion",
    "ClauseKind",
    "Contribution",
    "InKind",
    "Party",
    "ReportDate",
    "Signature",
    "TemplateClause",
]
