"""The objects the permission matrix runs against, made once through the portal's services.

Two förvaltningar (SOF, AMF) and two organisations (A, B). Organisation A has cases at both
förvaltningar, B only at AMF, so B is outside the SOF staff's scope. The roles under test are
A's firmatecknare and kontaktperson, a handläggare and a nämndsekreterare at SOF, a superuser
and anonymous. Every object a URL names exists once in scope and once outside it.
"""

import dataclasses
import datetime
import itertools

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts import services as account_services
from accounts import tokens
from accounts.roles import HANDLAGGARE, NAMNDSEKRETERARE, roles_ensure
from agreements import services as agreement_services
from agreements import signing_services
from agreements.models import AgreementTemplate, Party, Signature
from assessments import services as assessment_services
from assessments.models import CriteriaSet, CriterionAssessment, Recommendation
from core.models import OutboxMail
from decisions import services as decision_services
from decisions.models import Decision, TjansteutlatandeMall, Undertecknare
from demo.builder import tjansteutlatande_upprattat_build
from initiatives import assignment_services, attachment_services, message_services, services
from initiatives.models import Attachment, CaseMessage, WatchDate
from organisations import member_services
from organisations import services as org_services
from organisations.models import Membership, OrganisationDocument
from reminders import services as reminder_services
from reminders.models import ReminderRule
from reminders.models import SentReminder as RuleReminder
from term import services as term_services
from term import termination_services
from term.models import Evaluation, FollowUpReport, SentReminder

from ... import factories, files

ROLES = ("anonymous", "firmatecknare", "kontaktperson", "handlaggare", "sekreterare", "superuser")
# The cases: (organisation, förvaltning, stage). "other_forvaltning" is A's own case at AMF,
# "other_org" is B's case, so each unseen case is unseen for one side and seen by the other.
CASES = {
    "own": ("A", "sof", "active"),
    "other_forvaltning": ("A", "amf", "active"),
    "other_org": ("B", "amf", "active"),
    "draft": ("A", "sof", "draft"),
    "other_draft": ("B", "sof", "draft"),
}
CLOSED_CASES = {"closed": ("A", "sof"), "closed_other": ("B", "amf")}
TERMINATED_CASES = {"terminated": ("A", "sof"), "terminated_other": ("B", "amf")}
MEETING = datetime.date(2026, 11, 2)


@dataclasses.dataclass
class World:
    town: factories.Town
    users: dict  # role or helper name -> user
    cases: dict  # target name -> Initiative
    objects: dict  # "<kind>:<target>" -> a row a URL names
    sessions: dict  # user name -> session cookie value
    tokens: dict  # what links in mails carry

    def client(self, name: str) -> Client:
        """A client logged in as `name` (a fresh one: a request may change its cookies)."""
        client = Client()
        if name != "anonymous":
            client.cookies["sessionid"] = self.sessions[name]
        return client

    def obj(self, kind: str, target: str):
        return self.objects[f"{kind}:{target}"]


def _staff(town, groups, forvaltning, prefix):
    return {
        "handlaggare": factories.user(
            f"{prefix}_handlaggare", staff=True, forvaltning=forvaltning, group=groups[HANDLAGGARE]
        ),
        "colleague": factories.user(
            f"{prefix}_kollega", staff=True, forvaltning=forvaltning, group=groups[HANDLAGGARE]
        ),
        "secretary": factories.user(
            f"{prefix}_sekreterare",
            staff=True,
            forvaltning=forvaltning,
            group=groups[NAMNDSEKRETERARE],
        ),
    }


_PARAGRAPHS = itertools.count(1)


def _active(actors: factories.Town, *, forvaltning, title, kontakt=None):
    """Walk a case to an active partnership, leaving on the way every record a URL can name."""
    case = actors.in_assessment(forvaltning=forvaltning, title=title)
    services.dialogue_meeting_record(
        initiative=case,
        by=actors.handlaggare,
        held_on=timezone.localdate(),
        participants="Båda parter",
        challenge_agreed="Utmaningen",
        solution_agreed="Lösningen",
    )
    case = _assessment_done(actors, case)
    agreement = agreement_services.agreement_create_draft(initiative=case, by=actors.handlaggare)
    version = agreement_services.agreement_send_to_organisation(
        agreement=agreement, by=actors.handlaggare
    )
    signing_services.agreement_comment(
        initiative=case, version_id=version.pk, by=actors.member, text="Ser bra ut."
    )
    agreement_services.agreement_submit_for_decision(agreement=agreement, by=actors.handlaggare)
    tjansteutlatande_upprattat_build(
        case,
        writer=actors.handlaggare,
        chef=actors.colleague,
        dated=MEETING - datetime.timedelta(days=14),
    )
    decision_services.decision_record(
        initiative=case,
        by=actors.secretary,
        meeting_date=MEETING,
        # Numbered in turn: a case's id grows with every case earlier tests made (sequences are
        # not rolled back), and a paragraph stops at 9999.
        paragraph=next(_PARAGRAPHS),
        outcome=Decision.Outcome.APPROVED,
        decision_text="Nämnden godkänner avtalet.",
    )
    for party in (Party.MUNICIPALITY, Party.ORGANISATION):
        signing_services.agreement_sign(
            agreement=agreement,
            by=actors.handlaggare,
            party=party,
            name="Namn Namnsson",
            place="Demostad",
            signed_on=MEETING,
            method=Signature.Method.PAPER,
        )
    assignment_services.initiative_assign(
        initiative=case, handlaggare=actors.handlaggare, by=actors.handlaggare
    )
    services.watch_date_add(
        initiative=case,
        by=actors.handlaggare,
        due_date=timezone.localdate() + datetime.timedelta(days=30),
        what="Följ upp",
    )
    upload = files.upload("plan.pdf", files.pdf_bytes("Plan"))
    attachment_services.attachment_add(initiative=case, uploaded_file=upload, by=actors.member)
    message_services.message_send(initiative=case, by=actors.member, body="Hej förvaltningen")
    message_services.message_send(initiative=case, by=actors.handlaggare, body="Hej föreningen")
    first = agreement.report_dates.order_by("due_date").first()
    term_services.report_submit(
        report_date=first,
        by=kontakt or actors.member,
        activities_done="Läxhjälp varje vecka.",
        participants_reached=40,
        money_used={c.pk: 1000 for c in agreement.contributions.filter(party=Party.MUNICIPALITY)},
    )
    case.refresh_from_db()
    return case


def _assessment_done(actors, case):
    """The rest of Town.assessed(), for a case already in assessment."""
    assessment = case.assessment
    assessment_services.assessment_record(
        assessment=assessment,
        by=actors.handlaggare,
        answers={
            a.criterion_id: (CriterionAssessment.Verdict.FULFILLED, "Uppfyllt.")
            for a in assessment.answers.all()
        },
        recommendation=Recommendation.IOP,
        summary="Uppfyller kriterierna.",
        considerations="Ett år.",
    )
    assessment_services.assessment_approve(assessment=assessment, by=actors.colleague)
    assessment_services.assessment_complete(assessment=assessment, by=actors.handlaggare)
    case.refresh_from_db()
    return case


def build() -> World:
    town = factories.Town.create()
    groups = roles_ensure()
    kontakt = factories.user("kontakt")
    invitation = member_services.member_invite(
        organisation=town.org,
        by=town.member,
        email=kontakt.email,
        role=Membership.Role.KONTAKTPERSON,
    )
    member_services.invitation_accept(token=invitation.token, by=kontakt)
    amf = _staff(town, groups, town.amf, "amf")
    sof = {
        "handlaggare": town.handlaggare,
        "colleague": town.colleague,
        "secretary": town.secretary,
    }
    people = {
        "A": {"member": town.member, "org": town.org},
        "B": {"member": town.other_member, "org": town.other_org},
    }
    staff = {"sof": sof, "amf": amf}
    forvaltningar = {"sof": town.sof, "amf": town.amf}

    def actors(org, forv):
        return dataclasses.replace(town, **people[org], **staff[forv])

    cases = {}
    for target, (org, forv, stage) in CASES.items():
        title = f"Ärende {target}"
        if stage == "draft":
            cases[target] = actors(org, forv).draft(forvaltning=forvaltningar[forv], title=title)
            upload = files.upload("utkast.pdf", files.pdf_bytes("Utkast"))
            attachment_services.attachment_add(
                initiative=cases[target], uploaded_file=upload, by=people[org]["member"]
            )
        else:
            cases[target] = _active(
                actors(org, forv),
                forvaltning=forvaltningar[forv],
                title=title,
                kontakt=kontakt if org == "A" else None,
            )
    for target, (org, forv) in CLOSED_CASES.items():
        case = _active(actors(org, forv), forvaltning=forvaltningar[forv], title=target)
        term_services.evaluation_record(
            initiative=case,
            by=staff[forv]["handlaggare"],
            goal_fulfilment="Målen nåddes.",
            what_worked="Volontärerna.",
            what_did_not_work="Lokalen.",
            knowledge_gained="Metod.",
            no_final_report_reason="Slutrapporten kom muntligt.",
            outcome=Evaluation.Outcome.END,
            today=datetime.date(2028, 1, 10),
        )
        case.refresh_from_db()
        cases[target] = case
    # Ended early: read on the termination's admin page (kept out of `cases`, whose rows are
    # those of a partnership that runs or ran its term).
    terminations = {}
    for target, (org, forv) in TERMINATED_CASES.items():
        case = _active(actors(org, forv), forvaltning=forvaltningar[forv], title=target)
        terminations[f"termination:{target}"] = termination_services.agreement_terminate(
            agreement=case.agreement,
            by=staff[forv]["handlaggare"],
            reason="Verksamheten kunde inte genomföras.",
            date=case.agreement.term_end - datetime.timedelta(days=30),
        )
    # Two weeks before the last report date (the first has its report): each active case gets
    # a reminder of a rule, which the matrix's reminder pages show.
    reminder_services.reminders_send_due(today=datetime.date(2027, 12, 20))
    reminded = set(RuleReminder.objects.values_list("initiative", flat=True))
    assert reminded >= {case.pk for case in cases.values() if case.status == "active"}, reminded

    objects = _objects(town, cases, people, kontakt) | terminations
    objects |= _meetings(town, cases)
    users = {
        "firmatecknare": town.member,
        "kontaktperson": kontakt,
        "handlaggare": town.handlaggare,
        "sekreterare": town.secretary,
        "superuser": town.superuser,
        "colleague": town.colleague,
        # Not roles under test: the owners of B and AMF's objects, who open their own pages.
        "other_member": town.other_member,
        "handlaggare_amf": amf["handlaggare"],
    }
    sessions = {}
    for name, user in users.items():
        client = Client()
        client.force_login(user)
        sessions[name] = client.cookies["sessionid"].value
    # A failed login, so that django-axes' admin pages have rows to show.
    Client().post(reverse("login"), {"username": town.other_member.username, "password": "fel"})
    objects |= {
        "accessattempt:row": AccessAttempt.objects.get(),
        # django-axes keeps this log only when told to; its admin page is there anyway.
        "accessfailurelog:row": AccessFailureLog.objects.first()
        or AccessFailureLog.objects.create(
            username=town.other_member.username,
            ip_address="127.0.0.1",
            user_agent="matrix",
            path_info=reverse("login"),
            http_accept="*/*",
            locked_out=False,
        ),
        "accesslog:row": AccessLog.objects.first(),
        # The outbox: a mail that failed for good, which the superuser may send again.
        "outboxmail:failed": OutboxMail.objects.create(
            subject="Matrisen",
            body="Ett misslyckat brev.",
            recipients=["fel@example.org"],
            status=OutboxMail.Status.FAILED,
            attempts=8,
            last_error="SMTPRecipientsRefused",
        ),
    }
    return World(
        town=town,
        users=users,
        cases=cases,
        objects=objects,
        sessions=sessions,
        tokens=_tokens(town, invitation),
    )


def _objects(town, cases, people, kontakt) -> dict:
    objects = {}
    for target, case in cases.items():
        objects[f"attachment:{target}"] = Attachment.objects.filter(initiative=case).first()
        if case.is_draft:
            continue
        agreement = case.agreement
        objects |= {
            f"assessment:{target}": case.assessment,
            f"agreement:{target}": agreement,
            f"decision:{target}": case.decisions.get(),
            f"message:{target}": CaseMessage.objects.filter(initiative=case).first(),
            f"report:{target}": FollowUpReport.objects.get(report_date__agreement=agreement),
            f"report_date:{target}": agreement.report_dates.order_by("due_date").last(),
            f"submitted_report_date:{target}": agreement.report_dates.order_by("due_date")[0],
            f"watch_date:{target}": WatchDate.objects.filter(initiative=case).first(),
            # A reminder of the time before the rules were data (term), and one of a rule.
            f"reminder:{target}": SentReminder.objects.get_or_create(
                agreement=agreement,
                kind="report",
                due_date=datetime.date(2027, 7, 2),
                recipient="legacy@example.org",
            )[0],
            f"rule_reminder:{target}": RuleReminder.objects.filter(initiative=case).first(),
            # The watch-date rule, which has sent nothing: a rule that has keeps its reminders
            # and cannot be deleted.
            f"rule:{target}": ReminderRule.objects.get(
                forvaltning=case.forvaltning, date_kind="watch", sent__isnull=True
            ),
        }
        if hasattr(case, "evaluation"):
            objects[f"evaluation:{target}"] = case.evaluation
    # Organisations and what hangs on them: A is in the SOF staff's scope, B is not.
    for target, key in (("own", "A"), ("other", "B")):
        org, member = people[key]["org"], people[key]["member"]
        objects[f"organisation:{target}"] = org
        objects[f"document:{target}"] = org_services.organisation_document_add(
            organisation=org,
            by=member,
            kind=OrganisationDocument.Kind.STADGAR,
            year=2026,
            uploaded_file=files.upload("stadgar.pdf", files.pdf_bytes("Stadgar")),
        )
        objects[f"invitation:{target}"] = member_services.member_invite(
            organisation=org,
            by=member,
            email=f"inbjuden.{key.lower()}@example.org",
            role=Membership.Role.KONTAKTPERSON,
        )
    objects["membership:own"] = Membership.objects.get(user=kontakt, organisation=town.org)
    objects["membership:other"] = Membership.objects.get(
        user=town.other_member, organisation=town.other_org
    )
    # Agreement templates: the shared standard one, SOF's own and AMF's.
    objects["template:standard"] = AgreementTemplate.objects.get(forvaltning__isnull=True)
    for target, forvaltning in (("own", town.sof), ("other", town.amf)):
        objects[f"template:{target}"] = AgreementTemplate.objects.create(
            name=f"Mall {forvaltning.diary_prefix}", forvaltning=forvaltning
        )
    # The tjänsteutlåtande's shared default template (in use) and a signatory of each
    # förvaltning.
    objects["tumall:default"] = TjansteutlatandeMall.objects.get(is_default=True)
    for target, forvaltning, user in (
        ("own", town.sof, town.colleague),
        ("other", town.amf, town.handlaggare_amf),
    ):
        objects[f"undertecknare:{target}"] = Undertecknare.objects.filter(
            forvaltning=forvaltning
        ).first() or Undertecknare.objects.create(
            forvaltning=forvaltning, roll=Undertecknare.Roll.ANDRA, user=user, titel="Chef"
        )
    objects["criteriaset:published"] = CriteriaSet.objects.filter(published=True).first()
    objects["group:handlaggare"] = Group.objects.get(name=HANDLAGGARE)
    return objects


def _meetings(town, cases) -> dict:
    """A meeting of each nämnd, with one case on its list (SOF's is in the SOF staff's scope)."""
    from namnd import services as namnd_services
    from namnd.models import Paragraf

    objects = {}
    for target, forvaltning, case in (
        ("own", town.sof, cases["own"]),
        ("other", town.amf, cases["other_org"]),
    ):
        meeting = namnd_services.meeting_create(
            by=town.superuser,
            namnd=forvaltning.namnd,
            date=datetime.date(2026, 12, 1),
            time=datetime.time(13),
            place="Stadshuset",
        )
        objects[f"meeting:{target}"] = meeting
        # Put on the list directly: an active case no longer goes through agenda_item_add.
        objects[f"paragraf:{target}"] = Paragraf.objects.create(
            sammantrade=meeting,
            namnd=forvaltning.namnd,
            initiative=case,
            order=1,
            created_by=town.superuser,
        )
    return objects


def _tokens(town, invitation) -> dict:
    unverified = account_services.user_signup(
        username="obekraftad",
        email="obekraftad@example.org",
        password="ett-langt-losenord-2026",
        first_name="O",
        last_name="Bekräftad",
    )
    member = town.member
    member.refresh_from_db()  # the token hashes last_login, which logging in changed
    return {
        "verify": tokens.make_verification_token(unverified),
        "uidb64": urlsafe_base64_encode(force_bytes(member.pk)),
        "reset": default_token_generator.make_token(member),
        "used_invitation": invitation.token,
        "calendar": reminder_services.calendar_token_for(user=town.handlaggare).token,
    }
