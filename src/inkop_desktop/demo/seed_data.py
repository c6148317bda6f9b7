"""Static Swedish name lists, places and company-name parts for demo and benchmark data."""

from __future__ import annotations

FEMALE_NAMES: tuple[str, ...] = (
    "Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Kristina", "Elin", "Emma", "Ingrid",
    "Malin", "Johanna", "Linnéa", "Åsa", "Helén", "Ulrika", "Sofia", "Cecilia", "Birgitta",
    "Annika", "Jenny", "Frida", "Märta", "Ida", "Maja", "Agneta", "Margareta", "Ebba", "Hanna",
    "Therese", "Louise", "Camilla", "Britt-Marie", "Ylva", "Sigrid",
)  # fmt: skip

MALE_NAMES: tuple[str, ...] = (
    "Erik", "Lars", "Karl", "Anders", "Johan", "Per", "Mikael", "Magnus", "Fredrik", "Jonas",
    "Håkan", "Björn", "Göran", "Mats", "Stefan", "Ulf", "Oskar", "Gustav", "Viktor", "Nils",
    "Olof", "Bengt", "Måns", "Jörgen", "Pär", "Tobias", "Henrik", "Daniel", "Martin", "Ali",
    "Mohammed", "Andreas", "Rasmus", "Sören", "Kjell",
)  # fmt: skip

SURNAMES: tuple[str, ...] = (
    "Lindqvist", "Öberg", "Åberg", "Söderström", "Sjöberg", "Björk", "Håkansson", "Nordström",
    "Löfgren", "Ekström", "Östlund", "Wåhlin", "Näslund", "Strömberg", "Högberg", "Bäckström",
    "Källström", "Fröberg", "Lövgren", "Sandström", "Andersson", "Johansson", "Karlsson",
    "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson", "Gustafsson", "Pettersson",
    "Jönsson", "Hedlund", "Forsberg", "Holmgren", "Lundqvist", "Engström", "Berglund",
    "Dahlström", "Ågren", "Mäkinen", "Yilmaz", "Hassan", "Ståhl", "Törnqvist", "Wikström",
    "Blomqvist", "Nyström", "Fält", "Grönlund",
)  # fmt: skip

CITIES: tuple[tuple[str, str, str], ...] = (
    # (city, postcode prefix, telephone area code)
    ("Eskilstuna", "632", "016"),
    ("Nyköping", "611", "0155"),
    ("Katrineholm", "641", "0150"),
    ("Strängnäs", "645", "0152"),
    ("Flen", "642", "0157"),
    ("Västerås", "722", "021"),
    ("Köping", "731", "0221"),
    ("Sala", "733", "0224"),
    ("Fagersta", "737", "0223"),
    ("Arboga", "732", "0589"),
    ("Stockholm", "113", "08"),
    ("Solna", "169", "08"),
    ("Uppsala", "753", "018"),
    ("Örebro", "702", "019"),
    ("Göteborg", "411", "031"),
    ("Malmö", "211", "040"),
    ("Linköping", "582", "013"),
    ("Norrköping", "602", "011"),
    ("Jönköping", "553", "036"),
    ("Umeå", "903", "090"),
)

STREETS: tuple[str, ...] = (
    "Storgatan", "Industrigatan", "Kungsgatan", "Drottninggatan", "Verkstadsgatan", "Hamngatan",
    "Mälarvägen", "Lagergatan", "Åsgatan", "Ängsvägen", "Företagsvägen", "Smedjegatan",
    "Fabriksgatan", "Järnvägsgatan", "Västra Ringvägen", "Östra Långgatan", "Kopparlundsvägen",
    "Stålbogavägen", "Brunnsgatan", "Sjöhagsvägen",
)  # fmt: skip

COMPANY_PREFIXES: tuple[str, ...] = (
    "Mälardalens", "Sörmlands", "Västmanlands", "Nordic", "Svenska", "Skandinaviska",
    "Eskilstuna", "Västerås", "Nyköpings", "Köpings", "Mellansvenska", "Bergslagens",
    "Hjälmarens", "Nordiska", "Scandinavian", "Mitt Sverige", "Östra Mellansvenska", "Sala",
    "Katrineholms", "Strängnäs", "Arboga", "Rekarne", "Kolbäcksåns", "Trosa",
)  # fmt: skip

CONTACT_ROLES: tuple[str, ...] = (
    "Kundansvarig offentlig sektor", "Säljare", "Avtalsansvarig", "VD", "Key account manager",
    "Orderansvarig", "Kvalitetsansvarig",
)  # fmt: skip

EXTERNAL_COMPANIES: tuple[tuple[str, str], ...] = (
    ("Upphandlingskonsulterna i Mälardalen AB", "upphandlingskonsulterna.se"),
    ("Advokatfirman Ek & Holm KB", "ekholm.se"),
    ("Medicinteknisk Rådgivning Norden AB", "mtrnorden.se"),
)

MEDARBETARE_TITLES: tuple[str, ...] = (
    "Sjuksköterska", "Controller", "IT-arkitekt", "Biomedicinsk analytiker",
    "Verksamhetsutvecklare", "Tandhygienist", "Medicinteknisk ingenjör", "Fastighetsförvaltare",
    "Undersköterska", "Kommunikatör", "Trafikplanerare", "Kostchef", "Överläkare",
    "Informationssäkerhetssamordnare", "Administratör", "Miljöstrateg",
)  # fmt: skip

_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u", "æ": "a", "ø": "o"})


def ascii_slug(text: str, sep: str = ".") -> str:
    """Lower-case ASCII slug of a Swedish name: "Karin Öberg" → "karin.oberg"."""
    folded = text.lower().translate(_FOLD)
    parts = "".join(c if c.isalnum() else " " for c in folded).split()
    return sep.join(parts)
