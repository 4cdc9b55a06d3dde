"""The mixed scenario of `make load`: organisations' members and handläggare, as people use it.

An organisation's member logs in, opens Mina ärenden and one of their cases, then goes through
the wizard's steps, each saving the draft; one in ten submits it. A handläggare logs in to the
admin, opens the queue and a case page from it. Everyone waits 1–5 s between steps, unless
LOAD_NO_WAIT is set (the step-up run, which measures the capacity of the machine).

Logins are the demo's (password demo-iop-2026), loaded by bench/load/prepare.py. A POST's time
includes the page its redirect leads to, as the person waits for both.
"""

import itertools
import os
import random
import re
from html.parser import HTMLParser

from locust import between, constant, task
from locust.contrib.fasthttp import FastHttpUser

PASSWORD = "demo-iop-2026"
MEMBERS = itertools.cycle(["imh", "ib", "stadsmission", "kvinnojouren"])
STAFF = itertools.cycle(["handlaggare.sof", "handlaggare.amf", "handlaggare.utf"])
WAIT = constant(0) if os.environ.get("LOAD_NO_WAIT") else between(1, 5)
CASE_LINK = re.compile(r'href="/initiativ/(\d+)/"')
ADMIN_CASE_LINK = re.compile(r'href="/admin/initiatives/initiative/(\d+)/change/')
STEP_URL = re.compile(r"/initiativ/(\d+)/steg/")
STEPS = (
    (
        "utmaning",
        {
            "challenge": "Barn i området saknar en lugn plats för skolarbetet.",
            "target_group": "Elever i årskurs 4–9.",
            "political_programme": "Plan för likvärdig skola.",
        },
    ),
    (
        "verksamhet",
        {
            "activity": "Läxhjälp tre kvällar i veckan.",
            "term_start": "2027-01-01",
            "term_end": "2027-12-31",
        },
    ),  # fmt: skip
    (
        "resurser",
        {
            "own_contribution": "Ideella timmar.",
            "requested_amount_per_year": "200000",
            "requested_other_resources": "En lokal.",
        },
    ),  # fmt: skip
    ("bilagor", {}),
)


class Form(HTMLParser):
    """The values a browser would send for the page's first form with a CSRF token."""

    def __init__(self, html: str):
        super().__init__()
        self.values, self._select, self._first_option = {}, None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name") and a.get("type") not in {"submit", "file", "checkbox"}:
            self.values.setdefault(a["name"], a.get("value") or "")
        elif tag == "select":
            self._select, self._first_option = a.get("name"), None
        elif tag == "option" and self._select and a.get("value"):
            if self._first_option is None:
                self._first_option = a["value"]
                self.values.setdefault(self._select, a["value"])
            if "selected" in a:
                self.values[self._select] = a["value"]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


class Visitor(FastHttpUser):
    abstract = True
    wait_time = WAIT

    def log_in(self, url: str, username: str):
        page = self.client.get(url, name=url)
        data = Form(page.text).values | {"username": username, "password": PASSWORD}
        with self.client.post(url, data=data, name=url, catch_response=True) as r:
            if "csrfmiddlewaretoken" in r.text and 'name="password"' in r.text:
                r.failure("login refused")


class OrganisationMember(Visitor):
    weight = 4

    def on_start(self):
        self.log_in("/konto/logga-in/", next(MEMBERS))

    @task
    def my_cases_case_and_wizard(self):
        cases = CASE_LINK.findall(self.client.get("/mina-arenden/").text)
        if cases:
            self.wait()
            self.client.get(f"/initiativ/{random.choice(cases)}/", name="/initiativ/[id]/")
        self.wait()
        page = self.client.get("/initiativ/nytt/")
        data = Form(page.text).values | {"title": "Läxhjälp i lasttestet"}
        created = self.client.post("/initiativ/nytt/", data=data, name="/initiativ/nytt/")
        found = STEP_URL.search(created.url or "")
        if not found:
            return
        pk = found.group(1)
        for slug, fields in STEPS:
            self.wait()
            url = f"/initiativ/{pk}/steg/{slug}/"
            token = Form(self.client.get(url, name=f"/initiativ/[id]/steg/{slug}/").text).values
            self.client.post(
                url,
                data={"csrfmiddlewaretoken": token.get("csrfmiddlewaretoken", ""), **fields},
                name=f"/initiativ/[id]/steg/{slug}/",
            )
        self.wait()
        review = f"/initiativ/{pk}/steg/granska/"
        token = Form(self.client.get(review, name="/initiativ/[id]/steg/granska/").text).values
        if random.random() < 0.1:
            with self.client.post(
                review,
                data={"csrfmiddlewaretoken": token.get("csrfmiddlewaretoken", ""), "submit": "1"},
                name="/initiativ/[id]/steg/granska/ (submit)",
                catch_response=True,
            ) as r:
                if STEP_URL.search(r.url or ""):
                    r.failure("the submit did not register the case")


class Handlaggare(Visitor):
    weight = 1

    def on_start(self):
        self.log_in("/admin/login/", next(STAFF))

    @task
    def queue_and_case(self):
        queue = self.client.get("/admin/initiatives/initiative/")
        cases = ADMIN_CASE_LINK.findall(queue.text)
        if cases:
            self.wait()
            self.client.get(
                f"/admin/initiatives/initiative/{random.choice(cases)}/change/",
                name="/admin/initiatives/initiative/[id]/change/",
            )
