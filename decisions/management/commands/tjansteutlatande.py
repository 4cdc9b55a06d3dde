"""Write a case's tjänsteutlåtande to a file: the stored upprättat copy, else a preview."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from decisions.selectors import tjansteutlatande_current, tjansteutlatande_upprattat
from decisions.tjansteutlatande_documents import tjansteutlatande_docx, tjansteutlatande_pdf
from initiatives.models import Initiative


class Command(BaseCommand):
    help = (
        "Skriv ärendets tjänsteutlåtande till en fil: den lagrade upprättade PDF:en byte för "
        "byte när det finns en, annars en förhandsgranskning av utkastet."
    )

    def add_arguments(self, parser):
        parser.add_argument("diarienummer", help="Ärendets diarienummer, t.ex. 'SOF 2026-0042'")
        parser.add_argument("--output", "-o", required=True, help="Filen att skriva")
        parser.add_argument("--format", default="pdf", choices=["pdf", "docx"])
        parser.add_argument("--language", default="sv", choices=["sv", "en"])

    def handle(self, *args, diarienummer, output, format, language, **options):
        matches = list(Initiative.objects.filter(diarienummer=diarienummer.strip())[:2])
        if not matches:
            raise CommandError(f"Inget ärende har diarienummer {diarienummer!r}.")
        if len(matches) > 1:
            raise CommandError(
                f"Flera förvaltningar har ärenden med diarienummer {diarienummer!r}."
            )
        case = matches[0]
        upprattat = tjansteutlatande_upprattat(initiative=case)
        tu = upprattat or tjansteutlatande_current(initiative=case)
        if tu is None:
            raise CommandError(f"Ärendet {diarienummer} har inget tjänsteutlåtande ännu.")
        if format == "docx":
            data = tjansteutlatande_docx(tjansteutlatande=tu, language=language)
            kind = "Word"
        elif upprattat is not None:
            with upprattat.pdf.open("rb") as stored:
                data = stored.read()
            kind = f"upprättat {upprattat.upprattad_on.isoformat()}"
        else:
            data = tjansteutlatande_pdf(tjansteutlatande=tu, language=language)
            kind = "förhandsgranskning"
        Path(output).write_bytes(data)
        self.stdout.write(f"Skrev {output} ({len(data)} byte, version {tu.version}, {kind})")
