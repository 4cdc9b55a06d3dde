"""Standard clauses a new agreement draft starts from; staff edit them per agreement."""

from django.utils.translation import gettext as _


def follow_up_clause() -> str:
    return _(
        "Organisationen lämnar en skriftlig rapport på varje rapportdatum i avtalet: "
        "genomförda aktiviteter, antal deltagare, hur medlen har använts per insats och "
        "eventuella avvikelser. "
        "Parterna träffas minst en gång per halvår för att följa upp partnerskapet tillsammans."
    )


def knowledge_sharing_clause() -> str:
    return _(
        "Parterna dokumenterar gemensamt de erfarenheter och den kunskap som byggs upp i "
        "partnerskapet. Kunskapen redovisas i slututvärderingen och sprids inom förvaltningen och "
        "till andra idéburna organisationer, utan att personuppgifter om deltagare lämnas ut."
    )


def repayment_clause() -> str:
    return _(
        "Om den överenskomna verksamheten inte genomförs, eller om medlen används till annat än "
        "det avtalade, ska organisationen betala tillbaka de medel som inte har använts enligt "
        "avtalet. Parterna stämmer först av avvikelsen vid ett uppföljningsmöte."
    )


def other_clauses() -> str:
    return _(
        "Uppsägning: vardera parten får säga upp avtalet med tre månaders uppsägningstid om den "
        "andra parten väsentligt brister i sina åtaganden.\n"
        "Personuppgifter: varje part ansvarar för sin behandling av personuppgifter enligt "
        "dataskyddsförordningen.\n"
        "Försäkring: organisationen har ansvarsförsäkring för verksamheten.\n"
        "Kommunikation: parterna informerar gemensamt om partnerskapet.\n"
        "Tvist: tvist om avtalet löses i första hand genom dialog mellan parterna."
    )
