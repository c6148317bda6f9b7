"""Purchasing categories with real CPV codes, typical titles and supplier-name stems."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    """A kategoriområde: what is bought, how it is named and what it usually costs per year."""

    key: str
    weight: int
    cpvs: tuple[str, ...]
    titles: tuple[str, ...]
    keywords: tuple[str, ...]
    stems: tuple[str, ...]
    indexes: tuple[str, ...]
    annual_kr: tuple[int, int]
    goods: bool = True
    preparedness: bool = False
    works: bool = False


CATEGORIES: tuple[Category, ...] = (
    Category(
        "medicinsk_forbrukning", 12,
        ("33140000-3", "33141000-0", "33141100-1", "33141420-0", "18424300-0", "33141600-6"),
        ("Medicinska förbrukningsartiklar – sårvård", "Undersökningshandskar",
         "Kirurgiska handskar", "Förband och kompresser", "Infusionsaggregat och kanyler",
         "Urologiska produkter", "Stomiprodukter", "Sterila operationsset",
         "Inkontinensprodukter"),
        ("sårvård", "handskar", "förband", "engångsartiklar", "sterilt", "förbrukning", "kanyler"),
        ("Medtech", "Medical", "Sjukvårdsprodukter", "Hälsovårdsprodukter", "Care",
         "Medicinprodukter"),
        ("KPI", "Valutajustering EUR", "PPI"), (400_000, 12_000_000), preparedness=True,
    ),
    Category(
        "medicinteknik", 7,
        ("33100000-1", "33110000-4", "33111000-1", "33124000-5", "33182000-9", "33157000-5",
         "50421000-2"),
        ("Ultraljudsutrustning", "Röntgenutrustning inklusive service", "Patientövervakning",
         "Infusionspumpar", "Ventilatorer och andningsvård", "Service av medicinteknisk utrustning",
         "Defibrillatorer", "Sterilteknisk utrustning"),
        ("medicinteknik", "MT-utrustning", "service", "röntgen", "ultraljud", "övervakning"),
        ("Medicinteknik", "Imaging", "Diagnostik", "Biomedical", "Life Science"),
        ("PPI", "Valutajustering EUR", "KPI"), (300_000, 9_000_000), preparedness=True,
    ),
    Category(
        "lakemedel", 5,
        ("33600000-6", "33690000-3", "33651000-6", "33651600-2", "24111500-0"),
        ("Läkemedel för slutenvården", "Vacciner – säsongsinfluensa",
         "Vacciner – barnvaccinationsprogrammet", "Medicinska gaser", "Parenteral nutrition",
         "Cytostatika", "Infusionsvätskor"),
        ("läkemedel", "vaccin", "gaser", "nutrition", "beredskapslager", "slutenvård"),
        ("Pharma", "Läkemedel", "Farmaceutiska", "Gas"),
        ("Fast pris", "Valutajustering EUR"), (1_000_000, 25_000_000), preparedness=True,
    ),
    Category(
        "tandvard", 4,
        ("33141800-8", "33130000-0", "33131000-7"),
        ("Dentalt förbrukningsmaterial", "Tandtekniska arbeten", "Dentala handinstrument",
         "Tandvårdsutrustning och unitar", "Röntgensensorer för tandvården"),
        ("tandvård", "dental", "folktandvården", "tandtekniska", "unitar"),
        ("Dental", "Tandteknik", "Dentaldepå", "Tandtekniska Laboratoriet"),
        ("KPI", "Valutajustering EUR"), (200_000, 5_000_000),
    ),
    Category(
        "laboratorium", 5,
        ("38000000-5", "38434000-6", "33696500-0", "38437000-7", "33790000-4"),
        ("Analysinstrument klinisk kemi inklusive reagens", "Laboratorieförbrukning",
         "Pipetter och laboratorieglas", "Blodgasanalysatorer", "Mikrobiologiska odlingsmedier",
         "Koagulationsanalyser"),
        ("laboratorium", "reagens", "analysinstrument", "klinisk kemi", "mikrobiologi"),
        ("Lab", "Diagnostics", "Laboratorieteknik", "Scientific"),
        ("PPI", "Valutajustering EUR"), (300_000, 10_000_000), preparedness=True,
    ),
    Category(
        "it_konsulter", 8,
        ("72000000-5", "72200000-7", "72260000-5", "72600000-6", "48000000-8"),
        ("IT-konsulttjänster – systemutveckling", "IT-konsulttjänster – infrastruktur och drift",
         "Licenser för standardprogramvara", "Förvaltningstjänster för journalsystem",
         "Informationssäkerhetskonsulter", "E-tjänsteplattform", "Integrationsplattform"),
        ("IT", "konsulter", "programvara", "licenser", "drift", "informationssäkerhet",
         "utveckling"),
        ("IT-konsult", "Data", "Digital", "Solutions", "Systemutveckling", "Tech"),
        ("AKI (SCB, tjänstemän)", "KPI", "Arbetskostnadsindex"), (500_000, 15_000_000), False,
    ),
    Category(
        "it_utrustning", 6,
        ("30200000-1", "30213000-5", "30213100-6", "32250000-0", "32420000-3", "64200000-8"),
        ("Datorer och kringutrustning", "Bärbara datorer", "Mobiltelefoner",
         "Nätverksutrustning", "Telefoni och mobila tjänster", "Skärmar och dockningsstationer"),
        ("datorer", "klienter", "mobiltelefoni", "nätverk", "kringutrustning", "skärmar"),
        ("Datakompaniet", "IT-partner", "Kommunikation", "Nätverk", "Klientservice"),
        ("Valutajustering USD", "KPI"), (300_000, 12_000_000), preparedness=True,
    ),
    Category(
        "stad", 7,
        ("90910000-9", "90911200-8", "90919200-4", "90911300-9", "39830000-9"),
        ("Städtjänster vårdlokaler", "Lokalvård kontor och allmänna ytor", "Fönsterputs",
         "Städmaterial och rengöringsmedel", "Storstädning och golvvård"),
        ("städ", "lokalvård", "fönsterputs", "hygien", "golvvård", "rengöring"),
        ("Städ & Service", "Lokalvård", "Fönsterputs", "Hygienservice", "Facility Services"),
        ("AKI (SCB, arbetare)", "KPI"), (300_000, 8_000_000), False,
    ),
    Category(
        "livsmedel", 7,
        ("15000000-8", "15800000-6", "15500000-3", "15300000-1", "15100000-9", "15810000-9",
         "55520000-1"),
        ("Livsmedel – kolonialvaror", "Mejeriprodukter", "Frukt och grönt", "Kött och chark",
         "Patientmåltider", "Bröd och konditori", "Kaffe och automater"),
        ("livsmedel", "måltider", "kost", "mejeri", "frukt", "grönsaker", "restaurang"),
        ("Livs", "Grönt", "Mejeri", "Storkök", "Måltidsservice", "Food Service"),
        ("KPI livsmedel", "KPI"), (200_000, 9_000_000), preparedness=True,
    ),
    Category(
        "kontor", 5,
        ("30192000-1", "30190000-7", "30199000-0", "39130000-2", "22800000-8"),
        ("Kontorsmaterial", "Papper och kuvert", "Kontorsmöbler", "Arbetsplatsmöbler",
         "Trycksaker och blanketter"),
        ("kontorsmaterial", "papper", "möbler", "trycksaker", "förbrukning"),
        ("Kontorsvaror", "Office", "Inredning", "Möbler", "Tryckeri"),
        ("KPI", "PPI"), (100_000, 4_000_000),
    ),
    Category(
        "tolk", 4,
        ("79540000-1", "79530000-8"),
        ("Tolktjänster – språktolk", "Teckenspråkstolk", "Översättningstjänster",
         "Distanstolkning via video"),
        ("tolk", "språktolk", "översättning", "teckenspråk", "distanstolk"),
        ("Tolkförmedling", "Språkservice", "Översättning", "Tolk"),
        ("AKI (SCB, tjänstemän)", "KPI"), (200_000, 6_000_000), False,
    ),
    Category(
        "transporter", 5,
        ("60130000-8", "60140000-1", "60120000-5", "60112000-6"),
        ("Sjukresor med taxi", "Färdtjänst och riksfärdtjänst", "Liggande sjuktransporter",
         "Busstrafik – regional linjetrafik", "Serviceresor"),
        ("sjukresor", "taxi", "färdtjänst", "busstrafik", "persontransport"),
        ("Taxi", "Buss", "Trafik", "Resor", "Omnibus"),
        ("Transportindex (SKR)", "KPI", "Drivmedelsindex"), (1_000_000, 30_000_000), False, True,
    ),
    Category(
        "bygg", 6,
        ("45000000-7", "45210000-2", "45215100-8", "45453000-7", "45331000-6", "45310000-3",
         "71000000-8"),
        ("Ramavtal byggentreprenader – mindre ombyggnader", "Om- och tillbyggnad vårdbyggnad",
         "Ventilationsarbeten", "Elinstallationer", "Konsulttjänster arkitekter och tekniska "
         "konsulter", "Måleri- och golvarbeten"),
        ("bygg", "entreprenad", "ombyggnad", "ventilation", "el", "fastighet"),
        ("Bygg", "Entreprenad", "El & Tele", "VVS", "Måleri", "Arkitekter"),
        ("Entreprenadindex E84", "KPI", "Byggkostnadsindex"), (500_000, 20_000_000), False,
        False, True,
    ),
    Category(
        "energi", 3,
        ("09310000-5", "09323000-9", "09134100-8", "09132000-3"),
        ("El – leverans till regionens anläggningar", "Fjärrvärme", "Drivmedel",
         "HVO100 till kollektivtrafiken"),
        ("el", "energi", "fjärrvärme", "drivmedel", "HVO"),
        ("Energi", "Kraft", "Bränsle", "Elhandel"),
        ("Nord Pool spotpris", "Drivmedelsindex"), (2_000_000, 40_000_000), True, True,
    ),
    Category(
        "bemanning", 3,
        ("79620000-6", "79624000-4", "79625000-1"),
        ("Bemanning sjuksköterskor", "Hyrläkare", "Bemanning undersköterskor"),
        ("bemanning", "hyrpersonal", "hyrläkare", "sjuksköterskor"),
        ("Bemanning", "Vårdbemanning", "Läkarbemanning", "Care Staffing"),
        ("AKI (SCB, tjänstemän)",), (1_000_000, 20_000_000), False,
    ),
    Category(
        "textil", 3,
        ("18100000-0", "18110000-3", "33199000-1", "98310000-9"),
        ("Arbetskläder", "Textilservice och tvätt", "Patientkläder", "Skyddsskor"),
        ("arbetskläder", "textil", "tvätt", "patientkläder"),
        ("Textil", "Tvätteri", "Workwear", "Profilkläder"),
        ("KPI", "AKI (SCB, arbetare)"), (200_000, 8_000_000), preparedness=True,
    ),
    Category(
        "avfall", 2,
        ("90500000-2", "90524000-6"),
        ("Avfallshantering", "Smittförande och skärande avfall",
         "Farligt avfall från laboratorier"),
        ("avfall", "återvinning", "smittförande", "farligt avfall"),
        ("Miljö", "Återvinning", "Miljöservice"),
        ("KPI", "Transportindex (SKR)"), (200_000, 4_000_000), False,
    ),
    Category(
        "fordon", 2,
        ("34100000-8", "34110000-1", "34144900-7"),
        ("Personbilar – operationell leasing", "Elbilar och laddboxar", "Servicefordon"),
        ("fordon", "leasing", "elbil", "bilar"),
        ("Bil", "Fordon", "Leasing", "Motor"),
        ("Stibor 3M", "KPI"), (300_000, 6_000_000), True,
    ),
    Category(
        "sakerhet", 2,
        ("79710000-4", "79713000-5"),
        ("Bevakningstjänster", "Larmcentral och utryckning", "Väktare på akutmottagningen"),
        ("bevakning", "väktare", "larm", "säkerhet"),
        ("Säkerhet", "Bevakning", "Security", "Larm"),
        ("AKI (SCB, arbetare)",), (300_000, 6_000_000), False, True,
    ),
    Category(
        "konsult_utbildning", 3,
        ("79410000-1", "80500000-9", "79341000-6", "79810000-5"),
        ("Ledarskapsutbildning", "Managementkonsulttjänster", "Reklam- och kommunikationsbyrå",
         "Tryckeritjänster"),
        ("konsult", "utbildning", "kommunikation", "ledarskap", "tryck"),
        ("Consulting", "Utbildning", "Kommunikation", "Kompetens", "Reklambyrå"),
        ("KPI", "AKI (SCB, tjänstemän)"), (100_000, 3_000_000), False,
    ),
)  # fmt: skip

CATEGORY_BY_KEY = {c.key: c for c in CATEGORIES}

DIRECT_AWARD_TITLES: tuple[tuple[str, str, str], ...] = (
    # (title, CPV, category key)
    ("Konsultstöd vid processkartläggning", "79410000-1", "konsult_utbildning"),
    ("Utbildningsinsats i ledarskap för chefsgrupp", "80500000-9", "konsult_utbildning"),
    ("Trycksaker för vaccinationskampanj", "79810000-5", "konsult_utbildning"),
    ("Ergonomiska kontorsstolar", "39130000-2", "kontor"),
    ("Tolkning vid regional konferens", "79540000-1", "tolk"),
    ("Översättning av patientinformation till arabiska och somaliska", "79530000-8", "tolk"),
    ("Fönsterputs vårdcentraler sommaren", "90911300-9", "stad"),
    ("Reparation av autoklav", "50421000-2", "medicinteknik"),
    ("Catering vid regionfullmäktige", "55520000-1", "livsmedel"),
    ("Mindre ombyggnad av personalrum", "45453000-7", "bygg"),
    ("Licenser för enkätverktyg", "48000000-8", "it_konsulter"),
    ("Frysskåp till laboratoriet", "38000000-5", "laboratorium"),
    ("Extra väktare under ombyggnad av akuten", "79713000-5", "sakerhet"),
    ("Laddboxar till regionhusets parkering", "34144900-7", "fordon"),
    ("Dentala instrument till ny mottagning", "33131000-7", "tandvard"),
    ("Utredning om framtida lagerhållning", "79410000-1", "konsult_utbildning"),
)


def group_of(cpv: str) -> str:
    """The three-digit CPV group, the default same-kind key."""
    return cpv[:3]
