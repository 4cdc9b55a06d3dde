"""The payload corpus through the fields outside a case's lifecycle: organisation profiles,
sign-up, the public guide and accessibility report, paper registration and the förvaltningar's
contact details, read back from their pages, admin pages and mails (test_payload_corpus
explains the corpus; test_payload_corpus_outputs the lifecycle)."""

import pytest
from django.contrib import admin
from django.core import mail
from django.test import Client, RequestFactory
from django.urls import reverse

from accounts.forms import SignupForm
from accounts.models import Forvaltning
from initiatives.admin_forms import RegistrationForm
from initiatives.models import Initiative
from organisations.forms import OrganisationForm
from organisations.models import Organisation
from public.forms import AccessibilityReportForm, GuideForm

from .. import factories
from . import corpus
from .corpus_flows import FILLER, Packs

pytestmark = pytest.mark.django_db

PROFILE = ("street_address", "postal_code", "city", "contact_name", "contact_phone")
REGISTRATION = ("title", "challenge", "activity", "target_group", "name")
GUIDE = ("challenge", "activity", "own_contribution")
REPORT = ("page", "description", "name")
SIGNUP = ("first_name", "last_name")
CONTACT = ("deputy_title", "contact_name", "contact_phone")


def _packs(payloads, town) -> Packs:
    packs = Packs(payloads)
    forms = {
        "Organisation": (OrganisationForm().fields, PROFILE),
        "Registration": (RegistrationForm(user=town.handlaggare).fields, REGISTRATION),
        "Guide": (GuideForm(questions=[]).fields, GUIDE),
        "AccessibilityReport": (AccessibilityReportForm().fields, REPORT),
        "Signup": (SignupForm().fields, SIGNUP),
    }
    request = RequestFactory().get("/admin/")
    request.user = town.superuser
    forvaltning_form = admin.site._registry[Forvaltning].get_form(request, None)
    forms["Forvaltning"] = (forvaltning_form.base_fields, CONTACT)
    for prefix, (fields, names) in forms.items():
        for name in names:
            packs.add(f"{prefix}.{name}", fields[name])
    return packs, forvaltning_form


def test_profiles_accounts_and_public_forms_read_back(
    town, settings, django_capture_on_commit_callbacks
):
    settings.IOP_ACCESSIBILITY_REPORTS_PER_HOUR = 10**6
    with corpus.Listener() as listener:
        payloads = corpus.load(listener.port)
        packs, forvaltning_form = _packs(payloads, town)
        reader = _Reader(packs)
        member, staff, superuser, anonymous = Client(), Client(), Client(), Client()
        member.force_login(town.member)
        staff.force_login(town.handlaggare)
        superuser.force_login(town.superuser)

        _organisation_profiles(packs, reader, member, superuser)
        _signups(packs, reader, anonymous, superuser, django_capture_on_commit_callbacks)
        _accessibility_reports(packs, reader, anonymous, django_capture_on_commit_callbacks)
        _guide(packs, reader, member, town)
        _paper_registrations(packs, reader, staff, django_capture_on_commit_callbacks)
        _contacts(packs, reader, forvaltning_form, town, superuser)
        assert listener.connections == 0
    print("\n" + reader.tally.summary("Profile and public pass"))
    assert len(reader.tally.fields) == sum(
        map(len, (PROFILE, REGISTRATION, GUIDE, REPORT, SIGNUP, CONTACT))
    )


class _Reader:
    def __init__(self, packs):
        self.packs, self.tally = packs, corpus.Tally()

    def page(self, output, response, keys, k):
        assert response.status_code == 200, f"{output}: {response.status_code}"
        self.text(output, corpus.read_html(response.content), keys, k)

    def text(self, output, text, keys, k):
        for key in keys:
            self.tally.found(output, key, self.packs.pieces(key, k), text)

    def mail(self, output, message, keys, k):
        corpus.assert_clean_output(message.subject + "\n" + message.body)
        assert "\n" not in message.subject
        self.text(output, corpus.space_norm(message.subject + " " + message.body), keys, k)


def _ok(response, where):
    if response.status_code != 302:
        form = (getattr(response, "context", None) or {}).get("form")
        raise AssertionError(f"{where}: {response.status_code} {form and form.errors.as_data()}")
    return response


def _value(packs, key, k, default):
    return packs.value(key, k) if packs.has(k, key) else default


def _organisation_profiles(packs, reader, member, superuser):
    keys = [f"Organisation.{n}" for n in PROFILE]
    for k in range(packs.count(keys)):
        defaults = {
            "street_address": "Storgatan 1",
            "postal_code": "111 22",
            "city": "Demostad",
            "contact_name": "Kim Kontakt",
            "contact_phone": "070-123 45 67",
        }
        data = {n: _value(packs, f"Organisation.{n}", k, defaults[n]) for n in PROFILE}
        number = factories.org_number()
        _ok(
            member.post(
                reverse("initiatives:organisation_create"),
                data
                | {
                    "name": f"Profilföreningen {k}",
                    "org_number": number,
                    "legal_form": "ideell_forening",
                    "contact_email": f"profil{k}@forening.example",
                },
            ),
            "organisation",
        )
        organisation = Organisation.objects.get(org_number=number)
        reader.page(
            "organisation profile page",
            member.get(reverse("initiatives:organisation", args=[organisation.pk])),
            keys,
            k,
        )
        reader.page(
            "admin organisation page",
            superuser.get(
                reverse("admin:organisations_organisation_change", args=[organisation.pk])
            ),
            keys,
            k,
        )


def _signups(packs, reader, anonymous, superuser, on_commit):
    keys = [f"Signup.{n}" for n in SIGNUP]
    for k in range(packs.count(keys)):
        with on_commit(execute=True):
            _ok(
                anonymous.post(
                    reverse("signup"),
                    {
                        **{n: _value(packs, f"Signup.{n}", k, FILLER) for n in SIGNUP},
                        "email": f"ny{k}@forening.example",
                        "username": f"ny{k}",
                        "password1": "ett-långt-lösenord-9",
                        "password2": "ett-långt-lösenord-9",
                    },
                ),
                "signup",
            )
        reader.mail("mail: confirm the address", mail.outbox[-1], keys, k)
    text = ""
    for page in range(packs.count(keys) // 100 + 2):
        text += corpus.read_html(
            superuser.get(reverse("admin:accounts_user_changelist"), {"p": page}).content
        )
    for k in range(packs.count(keys)):
        reader.text("admin user list", text, keys, k)


def _accessibility_reports(packs, reader, anonymous, on_commit):
    keys = [f"AccessibilityReport.{n}" for n in REPORT]
    for k in range(packs.count(keys)):
        data = {n: _value(packs, f"AccessibilityReport.{n}", k, FILLER) for n in REPORT}
        # The report's mail leaves through the outbox once the request's transaction commits.
        with on_commit(execute=True):
            _ok(
                anonymous.post(
                    reverse("public:accessibility_report"), data | {"email": "", "website": ""}
                ),
                "report",
            )
        reader.mail("mail: accessibility report", mail.outbox[-1], keys, k)


def _guide(packs, reader, member, town):
    keys = [f"Guide.{n}" for n in GUIDE]
    from assessments.guide import guide_forvaltningar, guide_questions

    forvaltning = next(f for f in guide_forvaltningar() if f.pk == town.sof.pk)
    answers = {f"q{c.pk}": "yes" for c in guide_questions(forvaltning)}
    for k in range(packs.count(keys)):
        texts = {n: _value(packs, f"Guide.{n}", k, FILLER) for n in GUIDE}
        _ok(
            member.post(
                reverse("public:guide"), {"forvaltning": forvaltning.pk, **answers, **texts}
            ),
            "guide",
        )
        _ok(
            member.post(
                reverse("initiatives:create"),
                {
                    "organisation": town.org.pk,
                    "title": f"Från vägledningen {k}",
                    "forvaltning": town.sof.pk,
                },
            ),
            "draft",
        )
        draft = Initiative.objects.get(title=f"Från vägledningen {k}")
        reader.page(
            "wizard review page (from the guide)",
            member.get(reverse("initiatives:step", args=[draft.pk, "granska"])),
            keys,
            k,
        )


def _paper_registrations(packs, reader, staff, on_commit):
    keys = [f"Registration.{n}" for n in REGISTRATION]
    for k in range(packs.count(keys)):
        data = {n: _value(packs, f"Registration.{n}", k, FILLER) for n in REGISTRATION}
        with on_commit(execute=True):
            response = _ok(
                staff.post(
                    reverse("admin:initiatives_initiative_register"),
                    data
                    | {
                        "organisation": "",
                        "received_on": "2026-11-30",
                        "received_via": "post",
                        "org_number": factories.org_number(),
                        "legal_form": "ideell_forening",
                        "street_address": "Storgatan 1",
                        "postal_code": "111 22",
                        "city": "Demostad",
                        "contact_name": "Kim Kontakt",
                        "contact_email": f"papper{k}@forening.example",
                        "contact_phone": "070-123 45 67",
                    },
                ),
                "registration",
            )
        reader.mail(
            "mail: receipt of a paper initiative",
            mail.outbox[-1],
            ["Registration.title", "Registration.name"],
            k,
        )
        reader.page("admin case page (paper)", staff.get(response["Location"]), keys, k)


def _contacts(packs, reader, form_class, town, superuser):
    """Förvaltningar with the corpus in their contact details: the home and register pages."""
    keys = [f"Forvaltning.{n}" for n in CONTACT]
    n = packs.count(keys)
    for k in range(n):
        data = {
            "kommun": town.kommun.pk,
            "namnd": town.amf.namnd_id,
            "name": f"Förvaltning {k}",
            "diary_prefix": f"K{k}",
            "diary_pattern": "{prefix} {year}-{number:04d}",
            "contact_email": "",
            **{c: _value(packs, f"Forvaltning.{c}", k, FILLER) for c in CONTACT},
        }
        form = form_class(data)
        assert form.is_valid(), form.errors.as_data()
        form.save()
    anonymous = Client()
    home = corpus.read_html(anonymous.get(reverse("home")).content)
    register = corpus.read_html(anonymous.get(reverse("public:register")).content)
    for k in range(n):
        reader.text("home page", home, ["Forvaltning.contact_name", "Forvaltning.contact_phone"], k)
        reader.text(
            "public register page",
            register,
            ["Forvaltning.contact_name", "Forvaltning.contact_phone"],
            k,
        )
        forvaltning = Forvaltning.objects.get(name=f"Förvaltning {k}")
        reader.page(
            "admin förvaltning page",
            superuser.get(reverse("admin:accounts_forvaltning_change", args=[forvaltning.pk])),
            keys,
            k,
        )
