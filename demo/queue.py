"""The handläggare's side of the demo: assignments, dialogue meetings, bevakningar, a paper case."""

import datetime

from django.utils import timezone

from initiatives import assignment_services, services
from organisations import services as organisation_services


def queue_demo_fill(*, made, staff, forvaltningar) -> None:
    """Assign and watch the demo's open cases, and register one that came by letter."""
    now = timezone.localdate()
    sof = staff["SOF"]
    kvinnojour, crossroads = made["kvinnojour"], made["crossroads"]
    assignment_services.initiative_assign(
        initiative=kvinnojour,
        handlaggare=sof,
        by=sof,
        note="Jag tar ärendet; jouren har vi samarbetat med tidigare.",
    )
    services.dialogue_meeting_record(
        initiative=kvinnojour,
        by=sof,
        held_on=now,
        participants="Christina Grönberg (Socialförvaltningen), Maria Ek och två jourkvinnor "
        "(Kvinnojouren Demostad)",
        challenge_agreed="Många våldsutsatta kvinnor söker inte stöd hos socialtjänsten i första "
        "hand; jouren når kvinnor som förvaltningen inte når.",
        solution_agreed="Stödlinjen och det skyddade boendet drivs av jouren; förvaltningen "
        "bidrar med pengar och samverkan med socialtjänstens mottagning. Jouren skickar "
        "verksamhetsberättelse och årsredovisning före bedömningen.",
    )
    services.watch_date_add(
        initiative=kvinnojour,
        by=sof,
        due_date=now + datetime.timedelta(days=3),
        what="Har jouren skickat verksamhetsberättelse och årsredovisning?",
        responsible=sof,
    )
    services.dialogue_meeting_record(
        initiative=crossroads,
        by=sof,
        held_on=now,
        participants="Christina Grönberg (Socialförvaltningen), Erik Holm (Stockholms "
        "Stadsmission)",
        challenge_agreed="Utsatta EU-medborgare saknar tak över huvudet, vård och information om "
        "sina rättigheter.",
        solution_agreed="Centret drivs av Stadsmissionen; socialtjänstens uppsökande team "
        "samverkar. Marknadskriteriet prövas särskilt i bedömningen.",
    )
    services.watch_date_add(
        initiative=crossroads,
        by=sof,
        due_date=now + datetime.timedelta(days=14),
        what="Bedömningen klar inför nämndens sammanträde",
        responsible=sof,
    )
    services.watch_date_add(
        initiative=made["duo"],
        by=staff["AMF"],
        due_date=now + datetime.timedelta(days=5),
        what="Stäm av delrapporten med organisationen",
        responsible=staff["AMF"],
    )
    # An initiative that came by letter to Utbildningsförvaltningen, still without a handläggare.
    utf = staff["UTF"]
    organisation = organisation_services.organisation_register(
        by=utf,
        name="Läsfrämjarna i Demostad",
        org_number="802016-3294",
        legal_form="ideell_forening",
        street_address="Biblioteksgatan 4",
        postal_code="582 00",
        city="Demostad",
        contact_name="Bo Bokström",
        contact_email="bo.bokstrom@lasframjarna.example",
        contact_phone="013-12 34 56",
    )
    services.initiative_register_received(
        by=utf,
        organisation=organisation,
        forvaltning=forvaltningar["UTF"],
        received_on=now - datetime.timedelta(days=2),
        received_via="post",
        title="Högläsning för barn i skolans bibliotek",
        challenge="Allt fler barn läser sällan utanför skolan, och läsförståelsen sjunker.",
        activity="Ideella högläsare läser för och med barn i skolbiblioteken varje vecka.",
        target_group="Barn i förskoleklass till årskurs 3.",
    )
