"""Run every bench/bench_*.py against DATABASE_URL (make bench starts a throwaway PostgreSQL).

Each module has a `main()` that creates the rows it needs, measures, and prints its figures with
bench.common.report. Name modules on the command line to run only those: bench/run.py bench_register

The pages run as in production, not as in a test: DEBUG off, no test environment (Django's
setup_test_environment instruments every template render to record its context), and one
database connection kept open as CONN_MAX_AGE does for a web worker.
"""

import importlib
import os
import pkgutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iop_portal.settings")
# Off before the settings load, so that nothing made at set-up (the template engines) sees DEBUG.
os.environ["DEBUG"] = "0"


def main(argv: list[str]) -> int:
    import django
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections

    django.setup()
    settings.DEBUG = False
    connections["default"].settings_dict["CONN_MAX_AGE"] = None
    call_command("migrate", verbosity=0, interactive=False)
    names = argv or sorted(
        m.name for m in pkgutil.iter_modules([str(ROOT / "bench")]) if m.name.startswith("bench_")
    )
    if not names:
        print("No benchmarks found under bench/.")
        return 1
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        print(f"== {name}: {(module.__doc__ or '').strip().splitlines()[0]}")
        module.main()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
