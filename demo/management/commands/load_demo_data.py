"""Load the demo kommun, its staff and the seeds' cases; safe to run twice."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo.load import load_demo_data
from demo.people import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Lägg in demodata: en kommun, tre förvaltningar, användare och exempelärenden."

    def handle(self, *args, **options):
        if getattr(settings, "PRODUCTION", False):
            raise CommandError("Demodata läggs aldrig in i produktion (DJANGO_ENV=production).")
        logins = load_demo_data()
        if logins is None:
            self.stdout.write("Demodata finns redan; inget ändrades.")
        else:
            self.stdout.write(self.style.SUCCESS("Demodata inlagd."))
        self.stdout.write(
            "\nDemoinloggningar (lösenord för alla: %s):\n"
            "  admin                 superanvändare, ser allt (http://127.0.0.1:8000/admin/)\n"
            "  handlaggare.sof       handläggare, Socialförvaltningen\n"
            "  handlaggare.amf       handläggare, Arbetsmarknadsförvaltningen\n"
            "  handlaggare.utf       handläggare, Utbildningsförvaltningen\n"
            "  sekreterare.sof       nämndsekreterare, Socialnämnden\n"
            "  sekreterare.amf       nämndsekreterare, Arbetsmarknadsnämnden\n"
            "  imh, ib, stadsmission, kvinnojouren   organisationer (http://127.0.0.1:8000/)\n"
            "  elsa                  företräder två organisationer (byt i sidhuvudet)\n"
            "  olle                  kontaktperson för Individuell Människohjälp\n" % DEMO_PASSWORD
        )
