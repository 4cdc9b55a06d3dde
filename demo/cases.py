"""The demo's organisations and their initiatives, from the seeds' examples, with the stage each
case is walked to."""

CASES = [
    {
        "key": "duo",
        "org": {
            "name": "Individuell Människohjälp",
            "org_number": "802005-0277",
            "legal_form": "ideell_forening",
            "street_address": "Box 4 (Demogatan 1)",
            "postal_code": "221 00",
            "city": "Demostad",
            "contact_name": "Sara Lind",
            "contact_email": "sara.lind@imh.example",
            "contact_phone": "070-100 20 30",
        },
        "user": ("imh", "Sara", "Lind"),
        "forvaltning": "AMF",
        "initiative": {
            "title": "Duo Stockholm",
            "challenge": "Många nyanlända har få eller inga kontakter med etablerade invånare, "
            "vilket gör det svårare att lära sig språket, förstå samhället och komma in på "
            "arbetsmarknaden.",
            "activity": "Duo Stockholm matchar nyanlända med etablerade stockholmare som träffas "
            "regelbundet under ett halvår. Organisationen rekryterar och utbildar volontärer, "
            "matchar par och ordnar gemensamma träffar en gång i månaden.",
            "target_group": "Nyanlända vuxna i etableringsfasen och etablerade invånare som vill "
            "engagera sig som volontärer.",
            "political_programme": "Kommunfullmäktiges mål om social integration och "
            "överenskommelsen med den idéburna sektorn, där idéburna organisationer särskilt nämns.",
            "own_contribution": "Samordnare på halvtid finansierad av egna insamlade medel, "
            "utbildningsmaterial och cirka 3 000 ideella timmar per år.",
            "requested_amount_per_year": 450000,
            "requested_other_resources": "Lokal för de gemensamma träffarna en kväll i månaden.",
        },
        "stage": "active",
    },
    {
        "key": "baby",
        "org": {
            "name": "Internationella Bekantskaper",
            "org_number": "802011-5831",
            "legal_form": "ideell_forening",
            "street_address": "Demovägen 12",
            "postal_code": "116 00",
            "city": "Demostad",
            "contact_name": "Leyla Haddad",
            "contact_email": "leyla.haddad@ib.example",
            "contact_phone": "070-200 30 40",
        },
        "user": ("ib", "Leyla", "Haddad"),
        "forvaltning": "AMF",
        "initiative": {
            "title": "Svenska med baby",
            "challenge": "Föräldralediga nyanlända, oftast mammor, hamnar utanför både "
            "språkundervisning och sociala sammanhang under småbarnsåren.",
            "activity": "Träffar varje vecka där nyanlända och etablerade föräldrar med bebisar "
            "samtalar på svenska, sjunger och leker. Träffarna hålls på öppna förskolor och "
            "bibliotek.",
            "target_group": "Föräldralediga nyanlända och etablerade föräldrar med barn 0–1 år.",
            "political_programme": "Kommunens integrationsprogram och överenskommelsen med den "
            "idéburna sektorn.",
            "own_contribution": "Projektledning, rekrytering av volontärer och ideella samtalsledare.",
            "requested_amount_per_year": 300000,
            "requested_other_resources": "",
        },
        "stage": "active",
    },
    {
        "key": "medpratare",
        "org": None,  # Internationella Bekantskaper again
        "user": None,
        "forvaltning": "AMF",
        "initiative": {
            "title": "Medpratare",
            "challenge": "Den som läser svenska för invandrare får sällan öva samtal med "
            "svensktalande utanför klassrummet.",
            "activity": "Volontärer (medpratare) deltar i undervisningen och samtalsgrupper i "
            "anslutning till sfi, två gånger i veckan.",
            "target_group": "Elever inom sfi och svensktalande volontärer.",
            "political_programme": "Kommunens integrationsprogram.",
            "own_contribution": "Rekrytering, utbildning och samordning av volontärer.",
            "requested_amount_per_year": 250000,
            "requested_other_resources": "Tillgång till lokaler i anslutning till sfi.",
        },
        "stage": "active",
    },
    {
        "key": "crossroads",
        "org": {
            "name": "Stockholms Stadsmission",
            "org_number": "802009-7427",
            "legal_form": "stiftelse",
            "street_address": "Demogränd 3",
            "postal_code": "111 00",
            "city": "Demostad",
            "contact_name": "Erik Holm",
            "contact_email": "erik.holm@stadsmission.example",
            "contact_phone": "070-300 40 50",
        },
        "user": ("stadsmission", "Erik", "Holm"),
        "forvaltning": "SOF",
        "initiative": {
            "title": "Crossroads – stöd till utsatta EU-medborgare",
            "challenge": "Utsatta EU-medborgare som vistas i kommunen saknar ofta tak över "
            "huvudet, hälso- och sjukvård och information om sina rättigheter.",
            "activity": "Ett center som erbjuder rådgivning, dusch, tvätt, mat och stöd att "
            "söka arbete eller återvända, med tolkar på rumänska och bulgariska.",
            "target_group": "Utsatta EU-medborgare och tredjelandsmedborgare utan uppehållstillstånd.",
            "political_programme": "Socialnämndens verksamhetsplan om arbetet med utsatta "
            "EU-medborgare, där samarbete med idéburna organisationer pekas ut.",
            "own_contribution": "Lokaler, två anställda socialarbetare och insamlade medel.",
            "requested_amount_per_year": 1200000,
            "requested_other_resources": "Samverkan med socialtjänstens uppsökande team.",
        },
        "stage": "assessment",
    },
    {
        "key": "kvinnojour",
        "org": {
            "name": "Kvinnojouren Demostad",
            "org_number": "802481-3209",
            "legal_form": "ideell_forening",
            "street_address": "Box 100",
            "postal_code": "112 00",
            "city": "Demostad",
            "contact_name": "Maria Ek",
            "contact_email": "maria.ek@kvinnojouren.example",
            "contact_phone": "070-400 50 60",
        },
        "user": ("kvinnojouren", "Maria", "Ek"),
        "forvaltning": "SOF",
        "initiative": {
            "title": "Stödlinje och skyddat boende för våldsutsatta kvinnor",
            "challenge": "Mäns våld mot kvinnor, annat våld i nära relation samt hedersrelaterat "
            "våld och förtryck ska upphöra; många våldsutsatta söker inte stöd från "
            "myndigheter i första hand.",
            "activity": "Stödlinje dygnet runt, stödsamtal och fem platser i skyddat boende, "
            "drivet av jourens ideella och anställda stödpersoner.",
            "target_group": "Våldsutsatta kvinnor och deras barn.",
            "political_programme": "Kommunens program mot våld i nära relationer.",
            "own_contribution": "Ideella jourkvinnor, lokaler och insamlade medel.",
            "requested_amount_per_year": 900000,
            "requested_other_resources": "",
        },
        "stage": "submitted",
    },
]
