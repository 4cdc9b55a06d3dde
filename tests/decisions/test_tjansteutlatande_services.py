"""The tjänsteutlåtande's services: draft from the case, edit, approve → upprättad, correct."""

import hashlib
import pathlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, InternalError, transaction

from decisions import selectors
from decisions import services as decision_services
from decisions import tjansteutlatande_services as tu_services
from decisions.models import Decision, Tjansteutlatande, Undertecknare
from initiatives.models import DiaryEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def chefs(town):
    Undertecknare.objects.create(
        forvaltning=town.sof, roll="chef", user=town.colleague, titel="Förvaltningschef"
    )
    Undertecknare.objects.create(
        forvaltning=town.sof, roll="andra", user=town.secretary, titel="Avdelningschef"
    )
    return town


def _draft(town):
    case = town.assessed()
    return case, tu_services.tjansteutlatande_draft_create(initiative=case, by=town.handlaggare)


def _upprattad(town):
    case, tu = _draft(town)
    tu_services.tjansteutlatande_submit_for_approval(tjansteutlatande=tu, by=town.handlaggare)
    tu_services.tjansteutlatande_approve(tjansteutlatande=tu, by=town.colleague)
    return case, tu_services.tjansteutlatande_approve(tjansteutlatande=tu, by=town.secretary)


def test_the_draft_is_prefilled_from_the_case(chefs):
    town = chefs
    case, tu = _draft(town)
    assert tu.version == 1 and tu.status == "utkast" and tu.mall.key == "stockholm"
    assert tu.forvaltning_name == "Socialförvaltningen" and tu.till == "Socialnämnden"
    assert tu.dnr == case.diarienummer and tu.handlaggare_phone == "08-508 25 904"
    assert tu.handlaggare_name == "Handlaggare Testsson"
    assert town.org.name in tu.title and case.title in tu.title
    assert tu.sammanfattning and tu.bakgrund and tu.arendet and tu.arendets_beredning
    assert "Ärendet justeras omedelbart" not in tu.forslag_till_beslut
    # Every criterion is argued; a fulfilled one without a motivation still gets a sentence.
    for answer in case.assessment.answers.select_related("criterion"):
        line = next(x for x in tu.synpunkter.splitlines() if answer.criterion.text in x)
        assert line.rstrip().endswith(".") and len(line) > len(answer.criterion.text) + 20
    assert "Sammantagen" not in tu.sammantagen_bedomning and tu.sammantagen_bedomning
    assert [b.number for b in tu.bilagor.all()] == [1]


def test_the_points_are_numbered_once(chefs):
    _case, tu = _draft(chefs)
    tu = tu_services.tjansteutlatande_update(
        tjansteutlatande=tu, by=chefs.handlaggare, forslag_till_beslut="1. Första.\n2) Andra.\n\n"
    )
    assert tu.forslag_till_beslut_points == ["Första.", "Andra."]


def test_only_one_open_draft_and_no_second_draft_over_an_upprattat(chefs):
    case, draft = _draft(chefs)
    with pytest.raises(ValidationError, match="redan ett utkast"):
        tu_services.tjansteutlatande_draft_create(initiative=case, by=chefs.handlaggare)
    with pytest.raises(IntegrityError), transaction.atomic():
        Tjansteutlatande.objects.create(
            initiative=case,
            mall=draft.mall,
            version=2,
            forvaltning_name="x",
            till="x",
            dnr="x",
            title="x",
            created_by=chefs.handlaggare,
        )


def test_a_draft_needs_an_assessment_and_a_writer(town):
    case = town.submitted()
    with pytest.raises(ValidationError):
        tu_services.tjansteutlatande_draft_create(initiative=case, by=town.handlaggare)
    with pytest.raises(PermissionDenied):
        tu_services.tjansteutlatande_draft_create(initiative=town.assessed(), by=town.member)


def test_empty_required_sections_are_refused(chefs):
    _case, tu = _draft(chefs)
    tu_services.tjansteutlatande_update(tjansteutlatande=tu, by=chefs.handlaggare, bakgrund=" ")
    with pytest.raises(ValidationError) as error:
        tu_services.tjansteutlatande_submit_for_approval(tjansteutlatande=tu, by=chefs.handlaggare)
    assert "Bakgrund" in " ".join(error.value.messages)


def test_approval_by_the_wrong_person_or_twice_is_refused(chefs):
    _case, tu = _draft(chefs)
    tu_services.tjansteutlatande_submit_for_approval(tjansteutlatande=tu, by=chefs.handlaggare)
    with pytest.raises(ValidationError, match="Bara förvaltningschefen"):
        tu_services.tjansteutlatande_approve(tjansteutlatande=tu, by=chefs.handlaggare)
    tu_services.tjansteutlatande_approve(tjansteutlatande=tu, by=chefs.colleague)
    tu.refresh_from_db()
    assert tu.status == "granskning"  # the second signatory has not approved yet
    with pytest.raises(ValidationError, match="redan godkänt"):
        tu_services.tjansteutlatande_approve(tjansteutlatande=tu, by=chefs.colleague)


def test_without_a_chef_it_cannot_go_for_approval(town):
    _case, tu = _draft(town)
    with pytest.raises(ValidationError, match="ingen förvaltningschef"):
        tu_services.tjansteutlatande_submit_for_approval(tjansteutlatande=tu, by=town.handlaggare)


def test_upprattad_stores_the_pdf_once_and_registers_it(chefs):
    case, tu = _upprattad(chefs)
    tu.refresh_from_db()
    assert tu.status == "upprattad" and tu.upprattad_on
    with tu.pdf.open("rb") as f:
        data = f.read()
    assert hashlib.sha256(data).hexdigest() == tu.pdf_sha256
    assert selectors.tjansteutlatande_upprattat(initiative=case) == tu
    entry = DiaryEntry.objects.get(pk=tu.diary_entry_id)
    assert entry.initiative == case and entry.document == "Tjänsteutlåtande"
    assert entry.sender == "Socialförvaltningen" and tu.title in entry.subject
    assert entry.received_at and entry.registered_by == chefs.secretary
    assert [a.name for a in tu.godkannanden.all()] == [
        "Handlaggare2 Testsson",
        "Sekreterare Testsson",
    ]


def test_an_upprattat_one_cannot_change(chefs):
    _case, tu = _upprattad(chefs)
    with pytest.raises(ValidationError, match="upprättad"):
        tu_services.tjansteutlatande_update(tjansteutlatande=tu, by=chefs.handlaggare, title="Ny")
    tu.refresh_from_db()
    tu.title = "Ändrad"
    with pytest.raises(ValidationError):
        tu.save()
    # The database refuses too, whatever bypasses the model.
    with pytest.raises((IntegrityError, InternalError)), transaction.atomic():
        Tjansteutlatande.objects.filter(pk=tu.pk).update(title="Ändrad")
    with pytest.raises((IntegrityError, InternalError)), transaction.atomic():
        tu.bilagor.update(title="Ändrad")


def test_a_correction_is_a_new_version_that_says_what_it_replaces(chefs):
    case, old = _upprattad(chefs)
    with pytest.raises(ValidationError):
        tu_services.tjansteutlatande_correct(tjansteutlatande=old, by=chefs.handlaggare, reason="")
    new = tu_services.tjansteutlatande_correct(
        tjansteutlatande=old, by=chefs.handlaggare, reason="Fel belopp i Ärendet."
    )
    assert new.version == 2 and new.replaces == old and new.status == "utkast"
    assert new.bilagor.count() == old.bilagor.count()
    tu_services.tjansteutlatande_submit_for_approval(tjansteutlatande=new, by=chefs.handlaggare)
    tu_services.tjansteutlatande_approve(tjansteutlatande=new, by=chefs.colleague)
    new = tu_services.tjansteutlatande_approve(tjansteutlatande=new, by=chefs.secretary)
    old.refresh_from_db()
    assert old.status == "ersatt"
    assert selectors.tjansteutlatande_upprattat(initiative=case).version == 2
    assert "rättelse" in DiaryEntry.objects.get(pk=new.diary_entry_id).subject


def test_a_decision_needs_an_upprattat_tjansteutlatande(chefs):
    case = chefs.for_decision()
    Tjansteutlatande.objects.filter(initiative=case).update(
        status="ersatt"
    )  # the one change the trigger allows
    with pytest.raises(ValidationError, match="inget upprättat tjänsteutlåtande"):
        decision_services.decision_record(
            initiative=case,
            by=chefs.secretary,
            meeting_date=case.tjansteutlatanden.get().upprattad_on,
            paragraph=5,
            outcome=Decision.Outcome.APPROVED,
            decision_text="…",
        )


def test_an_upprattande_that_rolls_back_leaves_no_pdf_behind(chefs, settings, monkeypatch):
    """The PDF is written before the row commits (an upprättad row always has its file); when
    the registration after it fails, the approval rolls back and the file goes with it."""
    case, tu = _draft(chefs)
    tu_services.tjansteutlatande_submit_for_approval(tjansteutlatande=tu, by=chefs.handlaggare)
    tu_services.tjansteutlatande_approve(tjansteutlatande=tu, by=chefs.colleague)
    written = []
    real_save = tu.pdf.storage.save

    def save_and_note(name, content, **kwargs):
        written.append(real_save(name, content, **kwargs))
        return written[-1]

    def diary_down(**kwargs):
        raise RuntimeError("the diary is down")

    monkeypatch.setattr(tu.pdf.storage, "save", save_and_note)
    monkeypatch.setattr(DiaryEntry.objects, "create", diary_down)
    with pytest.raises(RuntimeError, match="the diary is down"):
        tu_services.tjansteutlatande_approve(tjansteutlatande=tu, by=chefs.secretary)
    assert len(written) == 1 and not tu.pdf.storage.exists(written[0])
    media = pathlib.Path(settings.MEDIA_ROOT)
    assert not list(media.rglob("tjansteutlatande-*.pdf"))
    tu.refresh_from_db()
    assert tu.status == "granskning" and not tu.pdf and tu.godkannanden.count() == 1
