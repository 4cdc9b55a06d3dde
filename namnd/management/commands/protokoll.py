"""Write a nämnd meeting's protokoll as PDF from the command line (the stored copy once it is
justerat and anslaget, else a draft from the data)."""

import datetime
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from namnd import record_services
from namnd.models import Sammantrade


class Command(BaseCommand):
    help = "Skriv protokollet från en nämnds sammanträde som PDF."

    def add_arguments(self, parser):
        parser.add_argument("namnd", help="Nämndens namn, t.ex. 'Socialnämnden'")
        parser.add_argument("date", help="Sammanträdesdatum, ÅÅÅÅ-MM-DD")
        parser.add_argument("--output", "-o", required=True, help="PDF-fil att skriva")

    def handle(self, *args, namnd, date, output, **options):
        try:
            day = datetime.date.fromisoformat(date)
        except ValueError:
            raise CommandError(f"{date!r} är inget datum på formen ÅÅÅÅ-MM-DD.") from None
        meetings = list(Sammantrade.objects.filter(namnd__name__iexact=namnd.strip(), date=day)[:2])
        if not meetings:
            raise CommandError(f"{namnd} har inget sammanträde {day:%Y-%m-%d}.")
        if len(meetings) > 1:
            raise CommandError(f"{namnd} har flera sammanträden {day:%Y-%m-%d}.")
        try:
            pdf = record_services.protokoll_document(sammantrade=meetings[0])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        Path(output).write_bytes(pdf)
        self.stdout.write(f"Skrev {output} ({len(pdf)} byte)")
