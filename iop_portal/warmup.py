"""What a web worker would otherwise do in its first requests, done before it takes any.

gunicorn calls warm_up() in its master once the portal is loaded, before it forks the workers
(or, without preload_app, in each worker before it accepts a connection: gunicorn.conf.py).
Without it, every worker started or replaced (a deploy, a restart, max_requests) imported the
views behind the URLconf, compiled each template and read each language's catalogue while people
waited: in `make load`, whose 50 people log in within the first seconds, the login pages
answered in up to a second. No database or cache connection is left open, as the forked workers
would share it.
"""

import logging
import time
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.forms.renderers import get_default_renderer
from django.template import TemplateSyntaxError, engines
from django.urls import get_resolver
from django.utils import translation

logger = logging.getLogger(__name__)
TEMPLATE_SUFFIXES = {".html", ".txt", ".xml", ".rdf"}


def warm_up() -> dict:
    """Import every URLconf and the views it names, compile every template the portal's engines
    can find, and read every language's catalogue; return what was done, for the log."""
    start = time.monotonic()
    resolver = get_resolver()
    resolver.reverse_dict  # noqa: B018 - the property imports and indexes every URLconf
    backends = [*engines.all()]
    renderer = get_default_renderer()
    if hasattr(renderer, "engine"):
        backends.append(renderer.engine)  # the form widgets' own engine
    compiled = sum(_compile_all(backend) for backend in backends)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("IOP-portalen")
    # Nothing above should have connected; if an import did, the workers must not inherit it.
    connections.close_all()
    caches.close_all()
    done = {"templates": compiled, "seconds": round(time.monotonic() - start, 2)}
    logger.info("Warmed up: %(templates)s templates in %(seconds)s s", done)
    return done


def _compile_all(backend) -> int:
    """Compile each template under the backend's folders once; the cached loader keeps them.

    A name found in two folders is compiled as the first folder's, as a page would get it.
    """
    engine = getattr(backend, "engine", None)
    if engine is None:
        return 0
    names = set()
    for loader in engine.template_loaders:
        for inner in getattr(loader, "loaders", [loader]):
            for folder in inner.get_dirs():
                folder = Path(folder)
                names.update(
                    str(path.relative_to(folder))
                    for path in folder.rglob("*")
                    if path.suffix in TEMPLATE_SUFFIXES and path.is_file()
                )
    compiled = 0
    for name in sorted(names):
        try:
            engine.get_template(name)
        except TemplateSyntaxError:
            # A library's template for a feature the portal does not install (a missing tag
            # library): it is never rendered here, and compiling it is not this module's test.
            continue
        compiled += 1
    return compiled
