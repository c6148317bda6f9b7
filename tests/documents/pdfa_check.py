"""PDF/A-2b structure checks with pikepdf (veraPDF is not installable here)."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pikepdf

XMP_KEYS = {
    "pdfaid:part": "2",
    "pdfaid:conformance": "B",
}
INFO_TO_XMP = {
    "/Title": "dc:title",
    "/Author": "dc:creator",
    "/Subject": "dc:description",
    "/Producer": "pdf:Producer",
    "/Keywords": "pdf:Keywords",
    "/Creator": "xmp:CreatorTool",
}
PRINT_FLAG, HIDDEN_FLAGS = 4, 1 | 2 | 32


def _resources(obj: pikepdf.Object, seen: set[tuple[int, int]]) -> Iterator[pikepdf.Dictionary]:
    """*obj*'s /Resources and those of every form XObject below it, once each."""
    resources = obj.get("/Resources")
    if not isinstance(resources, pikepdf.Dictionary):
        return
    yield resources
    for xobject in (resources.get("/XObject") or {}).values():
        key = xobject.objgen
        if key in seen or xobject.get("/Subtype") != "/Form":
            continue
        seen.add(key)
        yield from _resources(xobject, seen)


def _appearances(page: pikepdf.Page) -> Iterator[pikepdf.Object]:
    """The normal appearance streams of the page's annotations."""
    for annot in page.obj.get("/Annots") or []:
        normal = (annot.get("/AP") or {}).get("/N")
        if isinstance(normal, pikepdf.Stream):
            yield normal


def _font_problem(name: str, font: pikepdf.Object) -> str | None:
    """Why *font* is not embedded as PDF/A wants, or None."""
    base = str(font.get("/BaseFont", name))
    fonts = font.DescendantFonts if font.get("/Subtype") == "/Type0" else [font]
    for each in fonts:
        descriptor = each.get("/FontDescriptor")
        if descriptor is None:
            return f"{base}: ingen FontDescriptor (standardtypsnitt, inte inbäddat)"
        if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            return f"{base}: typsnittet är inte inbäddat"
        if "/FontFile2" not in descriptor:
            return f"{base}: inbäddat men inte som TrueType (FontFile2)"
    return None


def fonts(pdf: pikepdf.Pdf) -> dict[str, pikepdf.Object]:
    """Every font used on the pages or in annotation appearances, by BaseFont."""
    found: dict[str, pikepdf.Object] = {}
    seen: set[tuple[int, int]] = set()
    for page in pdf.pages:
        holders = [page.obj, *_appearances(page)]
        for holder in holders:
            for resources in _resources(holder, seen):
                for name, font in (resources.get("/Font") or {}).items():
                    found[str(font.get("/BaseFont", name))] = font
    return found


def _xmp_problems(pdf: pikepdf.Pdf) -> list[str]:
    """The XMP says PDF/A-2b and agrees with the Info dictionary."""
    if "/Metadata" not in pdf.Root:
        return ["ingen XMP-metadata i katalogen"]
    if "/Filter" in pdf.Root.Metadata:
        return ["XMP-metadata är komprimerad"]
    meta = pdf.open_metadata()
    problems = [f"{k} = {meta.get(k)!r}" for k, v in XMP_KEYS.items() if meta.get(k) != v]
    for info_key, xmp_key in INFO_TO_XMP.items():
        if info_key in pdf.docinfo:
            value = str(pdf.docinfo[info_key])
            xmp = meta.get(xmp_key)
            xmp = xmp[0] if isinstance(xmp, list) and xmp else xmp
            if str(xmp) != value:
                problems.append(f"{info_key} {value!r} ≠ {xmp_key} {xmp!r}")
    for key in ("xmp:CreateDate", "xmp:ModifyDate"):
        if not meta.get(key):
            problems.append(f"{key} saknas")
    return problems


def _intent_problems(pdf: pikepdf.Pdf) -> list[str]:
    """One PDF/A output intent with an RGB ICC profile."""
    intents = pdf.Root.get("/OutputIntents") or []
    chosen = [i for i in intents if i.get("/S") == "/GTS_PDFA1"]
    if len(chosen) != 1:
        return [f"{len(chosen)} PDF/A-utdataavsikter (OutputIntents)"]
    profile = chosen[0].get("/DestOutputProfile")
    if profile is None or int(profile.get("/N", 0)) != 3:
        return ["utdataavsikten saknar en RGB-profil"]
    icc = profile.read_bytes()
    if icc[36:40] != b"acsp" or icc[16:20] != b"RGB " or icc[8] > 4:
        return ["utdataavsiktens ICC-profil är inte en RGB-profil av version 2–4"]
    return []


def _page_problems(pdf: pikepdf.Pdf) -> list[str]:
    """Annotations printable with appearances, no transparency, no forbidden actions."""
    problems: list[str] = []
    for number, page in enumerate(pdf.pages, start=1):
        for annot in page.obj.get("/Annots") or []:
            flags = int(annot.get("/F", 0))
            if not flags & PRINT_FLAG or flags & HIDDEN_FLAGS:
                problems.append(f"sida {number}: anteckning skrivs inte ut (F={flags})")
            if annot.get("/Subtype") != "/Link" and "/AP" not in annot:
                problems.append(f"sida {number}: anteckning utan utseende (AP)")
        for resources in _resources(page.obj, set()):
            for state in (resources.get("/ExtGState") or {}).values():
                if state.get("/SMask", "/None") != "/None":
                    problems.append(f"sida {number}: mjuk mask (transparens)")
    form = pdf.Root.get("/AcroForm")
    if form is not None and bool(form.get("/NeedAppearances", False)):
        problems.append("AcroForm NeedAppearances är satt")
    return problems


def pdfa_problems(data: bytes) -> list[str]:
    """Everything found that keeps *data* from being PDF/A-2b ([] when none)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        problems = []
        if pdf.is_encrypted:
            problems.append("krypterad")
        if "/ID" not in pdf.trailer:
            problems.append("ingen fil-ID i trailern")
        for name, font in fonts(pdf).items():
            problem = _font_problem(name, font)
            if problem:
                problems.append(problem)
        return problems + _xmp_problems(pdf) + _intent_problems(pdf) + _page_problems(pdf)
