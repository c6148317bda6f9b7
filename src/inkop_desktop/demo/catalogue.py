"""Purchasing categories: typical titles each with its CPV code, keywords and supplier stems."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    """A kategoriområde: what is bought, how it is named and what it usually costs per year."""

    key: str
    weight: int
    items: tuple[tuple[str, str], ...]
    keywords: tuple[str, ...]
    stems: tuple[str, ...]
    indexes: tuple[str, ...]
    annual_kr: tuple[int, int]
    goods: bool = True
    preparedness: bool = False
    works: bool = False

    @property
    def titles(self) -> tuple[str, ...]:
        """The typical titles, each bought under the CPV code beside it in *items*."""
        return tuple(title for title, _ in self.items)

    @property
    def cpvs(self) -> tuple[str, ...]:
        """The category's CPV codes, each once."""
        return tuple(dict.fromkeys(cpv for _, cpv in self.items))

    def cpv_of(self, title: str) -> str:
        """The CPV code of one of the category's titles (the first code for any other)."""
        return next((cpv for t, cpv in self.items if t == title), self.items[0][1])


CATEGORIES: tuple[Category, ...] = (
    Category(
        "medicinsk_forbrukning", 12,
        (
         ("Medicinska förbrukningsartiklar – sårvård", "33141100-1"),
         ("Undersökningshandskar", "18424300-0"),
         ("Kirurgiska handskar", "33141420-0"),
         ("Förband och kompresser", "33141100-1"),
         ("Infusionsaggregat och kanyler", "33141000-0"),
         ("Urologiska produkter", "33141600-6"),
         ("Stomiprodukter", "33141600-6"),
         ("Sterila operationsset", "33140000-3"),
         ("Inkontinensprodukter", "33140000-3"),
        ),
        ("sårvård", "handskar", "förband", "engångsartiklar", "sterilt", "förbrukning", "kanyler"),
        ("Medtech", "Medical", "Sjukvårdsprodukter", "Hälsovårdsprodukter", "Care",
         "Medicinprodukter"),
        ("KPI", "Valutajustering EUR", "PPI"), (400_000, 12_000_000), preparedness=True,
    ),
    Category(
        "medicinteknik", 7,
        (
         ("Ultraljudsutrustning", "33112200-0"),
         ("Röntgenutrustning inklusive service", "33111000-1"),
         ("Patientövervakning", "33195000-3"),
         ("Infusionspumpar", "33190000-8"),
         ("Ventilatorer och andningsvård", "33157000-5"),
         ("Service av medicinteknisk utrustning", "50421000-2"),
         ("Defibrillatorer", "33182100-0"),
         ("Sterilteknisk utrustning", "33191000-5"),
        ),
        ("medicinteknik", "MT-utrustning", "service", "röntgen", "ultraljud", "övervakning"),
        ("Medicinteknik", "Imaging", "Diagnostik", "Biomedical", "Life Science"),
        ("PPI", "Valutajustering EUR", "KPI"), (300_000, 9_000_000), preparedness=True,
    ),
    Category(
        "lakemedel", 5,
        (
         ("Läkemedel för slutenvården", "33600000-6"),
         ("Vacciner – säsongsinfluensa", "33651000-6"),
         ("Vacciner – barnvaccinationsprogrammet", "33651000-6"),
         ("Medicinska gaser", "24111500-0"),
         ("Parenteral nutrition", "33692000-7"),
         ("Cytostatika", "33652000-5"),
         ("Infusionsvätskor", "33692000-7"),
        ),
        ("läkemedel", "vaccin", "gaser", "nutrition", "beredskapslager", "slutenvård"),
        ("Pharma", "Läkemedel", "Farmaceutiska", "Gas"),
        ("Fast pris", "Valutajustering EUR"), (1_000_000, 25_000_000), preparedness=True,
    ),
    Category(
        "tandvard", 4,
        (
         ("Dentalt förbrukningsmaterial", "33141800-8"),
         ("Tandtekniska arbeten", "33130000-0"),
         ("Dentala handinstrument", "33131000-7"),
         ("Tandvårdsutrustning och unitar", "33130000-0"),
         ("Röntgensensorer för tandvården", "33110000-4"),
        ),
        ("tandvård", "dental", "folktandvården", "tandtekniska", "unitar"),
        ("Dental", "Tandteknik", "Dentaldepå", "Tandtekniska Laboratoriet"),
        ("KPI", "Valutajustering EUR"), (200_000, 5_000_000),
    ),
    Category(
        "laboratorium", 5,
        (
         ("Analysinstrument klinisk kemi inklusive reagens", "38434000-6"),
         ("Laboratorieförbrukning", "33790000-4"),
         ("Pipetter och laboratorieglas", "38437000-7"),
         ("Blodgasanalysatorer", "38434000-6"),
         ("Mikrobiologiska odlingsmedier", "33696500-0"),
         ("Koagulationsanalyser", "38434000-6"),
        ),
        ("laboratorium", "reagens", "analysinstrument", "klinisk kemi", "mikrobiologi"),
        ("Lab", "Diagnostics", "Laboratorieteknik", "Scientific"),
        ("PPI", "Valutajustering EUR"), (300_000, 10_000_000), preparedness=True,
    ),
    Category(
        "it_konsulter", 8,
        (
         ("IT-konsulttjänster – systemutveckling", "72200000-7"),
         ("IT-konsulttjänster – infrastruktur och drift", "72600000-6"),
         ("Licenser för standardprogramvara", "48000000-8"),
         ("Förvaltningstjänster för journalsystem", "72260000-5"),
         ("Informationssäkerhetskonsulter", "72000000-5"),
         ("E-tjänsteplattform", "48000000-8"),
         ("Integrationsplattform", "48000000-8"),
        ),
        ("IT", "konsulter", "programvara", "licenser", "drift", "informationssäkerhet",
         "utveckling"),
        ("IT-konsult", "Data", "Digital", "Solutions", "Systemutveckling", "Tech"),
        ("AKI (SCB, tjänstemän)", "KPI", "Arbetskostnadsindex"), (500_000, 15_000_000), False,
    ),
    Category(
        "it_utrustning", 6,
        (
         ("Datorer och kringutrustning", "30200000-1"),
         ("Bärbara datorer", "30213100-6"),
         ("Mobiltelefoner", "32250000-0"),
         ("Nätverksutrustning", "32420000-3"),
         ("Telefoni och mobila tjänster", "64200000-8"),
         ("Skärmar och dockningsstationer", "30230000-0"),
        ),
        ("datorer", "klienter", "mobiltelefoni", "nätverk", "kringutrustning", "skärmar"),
        ("Datakompaniet", "IT-partner", "Kommunikation", "Nätverk", "Klientservice"),
        ("Valutajustering USD", "KPI"), (300_000, 12_000_000), preparedness=True,
    ),
    Category(
        "stad", 7,
        (
         ("Städtjänster vårdlokaler", "90911200-8"),
         ("Lokalvård kontor och allmänna ytor", "90919200-4"),
         ("Fönsterputs", "90911300-9"),
         ("Städmaterial och rengöringsmedel", "39830000-9"),
         ("Storstädning och golvvård", "90910000-9"),
        ),
        ("städ", "lokalvård", "fönsterputs", "hygien", "golvvård", "rengöring"),
        ("Städ & Service", "Lokalvård", "Fönsterputs", "Hygienservice", "Facility Services"),
        ("AKI (SCB, arbetare)", "KPI"), (300_000, 8_000_000), False,
    ),
    Category(
        "livsmedel", 7,
        (
         ("Livsmedel – kolonialvaror", "15800000-6"),
         ("Mejeriprodukter", "15500000-3"),
         ("Frukt och grönt", "15300000-1"),
         ("Kött och chark", "15100000-9"),
         ("Patientmåltider", "55520000-1"),
         ("Bröd och konditori", "15810000-9"),
         ("Kaffe och automater", "15800000-6"),
        ),
        ("livsmedel", "måltider", "kost", "mejeri", "frukt", "grönsaker", "restaurang"),
        ("Livs", "Grönt", "Mejeri", "Storkök", "Måltidsservice", "Food Service"),
        ("KPI livsmedel", "KPI"), (200_000, 9_000_000), preparedness=True,
    ),
    Category(
        "kontor", 5,
        (
         ("Kontorsmaterial", "30192000-1"),
         ("Papper och kuvert", "30199000-0"),
         ("Kontorsmöbler", "39130000-2"),
         ("Arbetsplatsmöbler", "39130000-2"),
         ("Trycksaker och blanketter", "22800000-8"),
        ),
        ("kontorsmaterial", "papper", "möbler", "trycksaker", "förbrukning"),
        ("Kontorsvaror", "Office", "Inredning", "Möbler", "Tryckeri"),
        ("KPI", "PPI"), (100_000, 4_000_000),
    ),
    Category(
        "tolk", 4,
        (
         ("Tolktjänster – språktolk", "79540000-1"),
         ("Teckenspråkstolk", "79540000-1"),
         ("Översättningstjänster", "79530000-8"),
         ("Distanstolkning via video", "79540000-1"),
        ),
        ("tolk", "språktolk", "översättning", "teckenspråk", "distanstolk"),
        ("Tolkförmedling", "Språkservice", "Översättning", "Tolk"),
        ("AKI (SCB, tjänstemän)", "KPI"), (200_000, 6_000_000), False,
    ),
    Category(
        "transporter", 5,
        (
         ("Sjukresor med taxi", "60120000-5"),
         ("Färdtjänst och riksfärdtjänst", "60130000-8"),
         ("Liggande sjuktransporter", "60130000-8"),
         ("Busstrafik – regional linjetrafik", "60112000-6"),
         ("Serviceresor", "60140000-1"),
        ),
        ("sjukresor", "taxi", "färdtjänst", "busstrafik", "persontransport"),
        ("Taxi", "Buss", "Trafik", "Resor", "Omnibus"),
        ("Transportindex (SKR)", "KPI", "Drivmedelsindex"), (1_000_000, 30_000_000), False, True,
    ),
    Category(
        "bygg", 6,
        (
         ("Ramavtal byggentreprenader – mindre ombyggnader", "45453000-7"),
         ("Om- och tillbyggnad vårdbyggnad", "45215100-8"),
         ("Ventilationsarbeten", "45331000-6"),
         ("Elinstallationer", "45310000-3"),
         ("Konsulttjänster arkitekter och tekniska konsulter", "71000000-8"),
         ("Måleri- och golvarbeten", "45450000-6"),
        ),
        ("bygg", "entreprenad", "ombyggnad", "ventilation", "el", "fastighet"),
        ("Bygg", "Entreprenad", "El & Tele", "VVS", "Måleri", "Arkitekter"),
        ("Entreprenadindex E84", "KPI", "Byggkostnadsindex"), (500_000, 20_000_000), False,
        False, True,
    ),
    Category(
        "energi", 3,
        (
         ("El – leverans till regionens anläggningar", "09310000-5"),
         ("Fjärrvärme", "09323000-9"),
         ("Drivmedel", "09100000-0"),
         ("HVO100 till kollektivtrafiken", "09134100-8"),
        ),
        ("el", "energi", "fjärrvärme", "drivmedel", "HVO"),
        ("Energi", "Kraft", "Bränsle", "Elhandel"),
        ("Nord Pool spotpris", "Drivmedelsindex"), (2_000_000, 40_000_000), True, True,
    ),
    Category(
        "bemanning", 3,
        (
         ("Bemanning sjuksköterskor", "79624000-4"),
         ("Hyrläkare", "79625000-1"),
         ("Bemanning undersköterskor", "79624000-4"),
        ),
        ("bemanning", "hyrpersonal", "hyrläkare", "sjuksköterskor"),
        ("Bemanning", "Vårdbemanning", "Läkarbemanning", "Care Staffing"),
        ("AKI (SCB, tjänstemän)",), (1_000_000, 20_000_000), False,
    ),
    Category(
        "textil", 3,
        (
         ("Arbetskläder", "18110000-3"),
         ("Textilservice och tvätt", "98310000-9"),
         ("Patientkläder", "33199000-1"),
         ("Skyddsskor", "18100000-0"),
        ),
        ("arbetskläder", "textil", "tvätt", "patientkläder"),
        ("Textil", "Tvätteri", "Workwear", "Profilkläder"),
        ("KPI", "AKI (SCB, arbetare)"), (200_000, 8_000_000), preparedness=True,
    ),
    Category(
        "avfall", 2,
        (
         ("Avfallshantering", "90500000-2"),
         ("Smittförande och skärande avfall", "90524000-6"),
         ("Farligt avfall från laboratorier", "90520000-8"),
        ),
        ("avfall", "återvinning", "smittförande", "farligt avfall"),
        ("Miljö", "Återvinning", "Miljöservice"),
        ("KPI", "Transportindex (SKR)"), (200_000, 4_000_000), False,
    ),
    Category(
        "fordon", 2,
        (
         ("Personbilar – operationell leasing", "34110000-1"),
         ("Elbilar och laddboxar", "34144900-7"),
         ("Servicefordon", "34100000-8"),
        ),
        ("fordon", "leasing", "elbil", "bilar"),
        ("Bil", "Fordon", "Leasing", "Motor"),
        ("Stibor 3M", "KPI"), (300_000, 6_000_000), True,
    ),
    Category(
        "sakerhet", 2,
        (
         ("Bevakningstjänster", "79713000-5"),
         ("Larmcentral och utryckning", "79711000-1"),
         ("Väktare på akutmottagningen", "79713000-5"),
        ),
        ("bevakning", "väktare", "larm", "säkerhet"),
        ("Säkerhet", "Bevakning", "Security", "Larm"),
        ("AKI (SCB, arbetare)",), (300_000, 6_000_000), False, True,
    ),
    Category(
        "konsult_utbildning", 3,
        (
         ("Ledarskapsutbildning", "80500000-9"),
         ("Managementkonsulttjänster", "79410000-1"),
         ("Reklam- och kommunikationsbyrå", "79341000-6"),
         ("Tryckeritjänster", "79810000-5"),
        ),
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
    ("Laddboxar till regionhusets parkering", "31000000-6", "fordon"),
    ("Ultraljudsapparat till barnmorskemottagningen", "33112200-0", "medicinteknik"),
    ("Dentala instrument till ny mottagning", "33131000-7", "tandvard"),
    ("Utredning om framtida lagerhållning", "79410000-1", "konsult_utbildning"),
)


def group_of(cpv: str) -> str:
    """The three-digit CPV group, the default same-kind key."""
    return cpv[:3]
