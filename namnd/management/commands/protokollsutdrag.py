"""Write a case's protokollsutdrag (PDF or DOCX) from the command line.

The stored copy when the § is justerad and anslagen, else a draft from the data. A decision
recorded before meetings existed in the portal (no §) still gets the old one-page utdrag of
decisions.documents.
"""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from decisions.documents import protokollsutdrag_pdf as decision_utdrag_pdf
from decisions.documents_docx import protokollsutdrag_docx as decision_utdrag_docx
from initiatives.models import Initiative
from namnd import record_services
from namnd.models import Paragraf


class Command(BaseCommand):
    help = "Skriv protokollsutdraget för ett ärendes senaste paragraf som PDF eller DOCX."

    def add_arguments(self, parser):
        parser.add_argument("diarienummer", help="Ärendets diarienummer, t.ex. 'SOF 2026-0042'")
        parser.add_argument("--output", "-o", required=True, help="Fil att skriva")
        parser.add_argument("--format", dest="fmt", default="pdf", choices=["pdf", "docx"])

    def handle(self, *args, diarienummer, output, fmt, **options):
        matches = list(Initiative.objects.filter(diarienummer=diarienummer.strip())[:2])
        if not matches:
            raise CommandError(f"Inget ärende har diarienummer {diarienummer!r}.")
        if len(matches) > 1:
            raise CommandError(
                f"Flera förvaltningar har ärenden med diarienummer {diarienummer!r}."
            )
        case = matches[0]
        paragraf = (
            Paragraf.objects.filter(initiative=case, number__isnull=False)
            .select_related("sammantrade")
            .order_by("-sammantrade__date", "-pk")
            .first()
        )
        try:
            if paragraf is not None:
                content = record_services.utdrag_document(paragraf=paragraf, fmt=fmt)
            else:
                decision = case.decisions.order_by("-meeting_date", "-pk").first()
                if decision is None:
                    raise CommandError(f"Ärendet {diarienummer} har inget nämndbeslut.")
                render = decision_utdrag_docx if fmt == "docx" else decision_utdrag_pdf
                content = render(decision=decision)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        Path(output).write_bytes(content)
        self.stdout.write(f"Skrev {output} ({len(content)} byte)")
