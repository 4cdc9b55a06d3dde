"""Fill the database for `make load`: the demo (its logins) and LOAD_CASES registered cases.

The cases go to the demo's förvaltningar and handläggare, so a handläggare's queue holds a third
of them; they belong to bench organisations, so the demo organisations' own lists stay small.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iop_portal.settings")


def main() -> int:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from accounts.models import Forvaltning, User
    from bench.generate_cases import generate_cases
    from demo.load import DEMO_KOMMUN, load_demo_data

    call_command("migrate", verbosity=0, interactive=False)
    start = time.perf_counter()
    load_demo_data()
    forvaltningar = list(Forvaltning.objects.filter(kommun__name=DEMO_KOMMUN).order_by("pk"))
    staff = list(User.objects.filter(username__startswith="handlaggare.").order_by("pk"))
    count = int(os.environ.get("LOAD_CASES", "100000"))
    generate_cases(
        count,
        forvaltningar=forvaltningar,
        staff=staff,
        created_by=User.objects.get(username="admin"),
    )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"load: demo and {count} cases ready in {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
