import pytest
from playwright.sync_api import Page
from initiatives.models import Initiative
from assessments.models import CriteriaSet
from . import factories

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


def test_dbg(page: Page, live_server, transactional_db):
    print("criteria sets", CriteriaSet.objects.count())
    factories.Town.create()
    page.goto(live_server.url + "/konto/logga-in/")
    open("/tmp/dbg/login.html", "w").write(page.content())
    page.fill("#id_username", "medlem")
    page.fill("#id_password", factories.PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_load_state()
    print(page.url)
    open("/tmp/dbg/after.html", "w").write(page.content())
    page.goto(live_server.url + "/initiativ/nytt/")
    print(page.url)
    open("/tmp/dbg/form.html", "w").write(page.content())
    print(
        page.get_by_label("Rubrik").count(),
        [page.locator("label").nth(i).inner_text() for i in range(page.locator("label").count())],
    )
