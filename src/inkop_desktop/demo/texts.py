"""Swedish free texts for demo data: sustainability, checklists, deviations, reasons."""

from __future__ import annotations

from inkop_desktop.domain.followup.model import CheckCategory as C

ENV_REQUIREMENTS = (
    "Krav på fossilfria transporter vid leverans till regionens förråd.",
    "Miljökrav enligt Upphandlingsmyndighetens hållbarhetskriterier, basnivå.",
    "Förpackningar fria från PVC och ftalater; returemballage tas tillbaka.",
    "Produkterna ska vara fria från särskilt farliga ämnen enligt Reach, kandidatlistan.",
    "Leverantören ska ha ett miljöledningssystem motsvarande ISO 14001.",
)
SOCIAL_REQUIREMENTS = (
    "Arbetsrättsliga villkor enligt LOU 17 kap. 2–4 §§ för lön, semester och arbetstid.",
    "Uppförandekod för leverantörer (Sveriges regioner), uppföljning genom revision.",
    "Krav på praktikplatser för personer som står långt från arbetsmarknaden.",
    "Tillgänglighetskrav enligt standarden EN 301 549.",
)
AGENDA2030 = (
    "Mål 3 Hälsa och välbefinnande",
    "Mål 8 Anständiga arbetsvillkor och ekonomisk tillväxt",
    "Mål 12 Hållbar konsumtion och produktion",
    "Mål 13 Bekämpa klimatförändringarna",
)

PROCEDURE_REASONS = {
    "oppet": "Uppskattat värde inklusive optioner överstiger tröskelvärdet; annonseras enligt "
    "LOU 6 kap.",
    "selektivt": "Få kvalificerade leverantörer väntas; selektivt förfarande ger bättre anbud.",
    "forhandlat": "Behovet kräver anpassning av befintliga lösningar; förhandling behövs.",
    "forenklat": "Värdet understiger tröskelvärdet; förenklat förfarande enligt LOU 19 kap.",
    "urval": "Under tröskelvärdet men många tänkbara leverantörer; urvalsförfarande.",
    "direktupphandling": "Värdet understiger direktupphandlingsgränsen.",
    "avrop": "Behovet täcks av befintligt ramavtal; förnyad konkurrensutsättning.",
    "fufa": "Endast en leverantör kan leverera av tekniska skäl (LOU 6 kap. 14 §).",
}

DEVIATIONS = {
    C.REGISTRERING: "Leverantören saknade F-skatt under en period i våras.",
    C.SKATTER: "Skulder hos Kronofogden på 84 000 kr vid kontrolltillfället.",
    C.UNDERLEVERANTORER: "En underleverantör för transporter har inte anmälts.",
    C.ARBETSVILLKOR: "Lönebesked visar lägre ersättning än kollektivavtalets nivå.",
    C.HALLBARHET: "Självskattning enligt uppförandekoden har inte lämnats in.",
    C.LEVERANS: "Leveransprecisionen var 91 %, avtalat är minst 97 %.",
    C.FAKTURA: "Fakturerade priser översteg avtalade priser på tolv artiklar.",
    C.CIVIL_BEREDSKAP: "Kontinuitetsplanen är inte uppdaterad sedan 2021.",
    C.VALFARDSBROTT: "Personalliggaren var ofullständig vid oanmält besök.",
}
ACTIONS = {
    C.REGISTRERING: "Begär förklaring och kontrollera registreringen igen om en månad.",
    C.SKATTER: "Begär avbetalningsplan och nytt utdrag från skattekontot.",
    C.UNDERLEVERANTORER: "Begär anmälan av underleverantören och pröva godkännande.",
    C.ARBETSVILLKOR: "Begär lönespecifikationer för tre månader och åtgärdsplan.",
    C.HALLBARHET: "Påminnelse; självskattningen ska lämnas inom 30 dagar.",
    C.LEVERANS: "Leveransmöte och åtgärdsplan; vite enligt avtalet vid upprepning.",
    C.FAKTURA: "Kreditering av felaktigt fakturerade belopp.",
    C.CIVIL_BEREDSKAP: "Uppdaterad kontinuitetsplan ska lämnas före nästa kvartal.",
    C.VALFARDSBROTT: "Anmälan till Skatteverket och fördjupad kontroll av personalen.",
}
CONTACT_NOTES = (
    "Avstämning av leveranser och restnoteringar inför nästa kvartal.",
    "Leverantören informerade om byte av kundansvarig.",
    "Påminnelse om att lämna skattekontoutdrag före uppföljningsmötet.",
    "Genomgång av prisjustering mot index; beräkningen godtogs.",
    "Leverantören bekräftade att kontinuitetsplanen uppdaterats.",
    "Diskussion om reklamation av försenad leverans; kreditering utlovad.",
)

AWARD_REASONS = (
    "Lägsta pris av jämförbara offerter som uppfyller kraven.",
    "Bästa förhållande mellan pris och kvalitet enligt förfrågans kriterier.",
    "Enda leverantör som kunde leverera inom den tid verksamheten behöver.",
    "Lägsta pris; leverantören har dessutom kortast leveranstid.",
)
