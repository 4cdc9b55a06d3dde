"""Check a page in the browser against WCAG 2.1 A/AA with axe-core: assert_no_axe_violations(page).

`make test` downloads the pinned, integrity-checked axe-core into .venv/ and passes its path in
AXE_CORE_JS. Playwright injects it as an inline script, which the portal's Content-Security-Policy
forbids: the browser context must be made with bypass_csp=True (see BROWSER_CONTEXT_ARGS).
"""

import os
from pathlib import Path

from playwright.sync_api import Page

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

# Add these to pytest-playwright's browser_context_args in a module that checks pages with axe.
BROWSER_CONTEXT_ARGS = {"bypass_csp": True, "reduced_motion": "reduce"}

_RUN = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary})),
  }));
}"""


def axe_path() -> Path:
    """The axe.min.js that `make test` fetched (AXE_CORE_JS), or the newest one under .venv/."""
    if os.environ.get("AXE_CORE_JS"):
        path = Path(os.environ["AXE_CORE_JS"])
    else:
        root = Path(__file__).resolve().parents[2]
        found = sorted(root.glob(".venv/axe-core-*/axe.min.js"))
        path = found[-1] if found else root / ".venv/axe-core-missing/axe.min.js"
    if not path.is_file():
        raise FileNotFoundError(
            f"{path} is missing: run the tests with 'make test', which fetches it"
        )
    return path


def axe_violations(page: Page) -> list[dict]:
    """The WCAG 2.1 A/AA violations axe finds on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=axe_path())
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            raise AssertionError(
                "axe-core did not load: the Content-Security-Policy blocked it. Make the browser "
                "context with bypass_csp=True (tests.browser.a11y.BROWSER_CONTEXT_ARGS)."
            )
    return page.evaluate(_RUN, WCAG_TAGS)


def format_violations(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
        lines.extend(f"    at {n['target']}: {n['summary']}".replace("\n", " ") for n in v["nodes"])
    return "\n".join(lines)


def assert_no_axe_violations(page: Page) -> None:
    """Fail with a readable list (rule, impact, target nodes) if axe finds any WCAG 2.1 AA issue."""
    violations = axe_violations(page)
    assert not violations, (
        f"axe found {len(violations)} WCAG 2.1 A/AA violation(s) on {page.url}:\n"
        + format_violations(violations)
    )
