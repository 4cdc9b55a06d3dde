"""Run every bench/bench_*.py against the database in DATABASE_URL (make bench starts one).

Each module has a `main()` that creates the rows it needs, measures, and prints its figures with
bench.common.report. Name modules on the command line to run only those: bench/run.py bench_register
"""

import importlib
import os
import pkgutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iop_portal.settings")


def main(argv: list[str]) -> int:
    import django
    from django.core.management import call_command

    django.setup()
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
