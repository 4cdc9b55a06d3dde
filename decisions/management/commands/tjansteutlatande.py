"""Export a case's tjänsteutlåtande as PDF from the command line."""

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from decisions.documents import tjansteutlatande_pdf
from initiatives.models import Initiative


class Command(BaseCommand):
    help = "Skriv tjänsteutlåtandet för ett ärende som PDF."

    def add_arguments(self, parser):
        parser.add_argument("diarienummer", help="Ärendets diarienummer, t.ex. 'SOF 2026-0042'")
        parser.add_argument("--output", "-o", required=True, help="PDF-fil att skriva")
        parser.add_argument("--language", default="sv", choices=["sv", "en"])

    def handle(self, *args, diarienummer, output, language, **options):
        matches = list(Initiative.objects.filter(diarienummer=diarienummer.strip())[:2])
        if not matches:
            raise CommandError(f"Inget ärende har diarienummer {diarienummer!r}.")
        if len(matches) > 1:
            raise CommandError(
                f"Flera förvaltningar har ärenden med diarienummer {diarienummer!r}."
            )
        try:
            pdf = tjansteutlatande_pdf(initiative=matches[0], language=language)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        Path(output).write_bytes(pdf)
        self.stdout.write(f"Skrev {output} ({len(pdf)} byte)")
