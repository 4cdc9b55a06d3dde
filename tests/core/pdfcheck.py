"""A small archival and accessibility checker for the portal's PDFs (no validator installs here).

It reads a PDF back with pikepdf and checks what PDF/A-2a and PDF/UA-1 ask of every document
the portal issues and what a machine can see: the PDF/A and PDF/UA identification in the XMP
metadata, an sRGB output intent, every font embedded, a structure tree, /Lang, a title shown
as the window title, headings that do not skip a level, table header cells with a scope, and
no content that is neither in the structure tree nor an artifact. It is no veraPDF: reading
order, alternative texts and the meaning of tags still need a person.

    from tests.core.pdfcheck import assert_archival_pdf
    report = assert_archival_pdf(pdf_bytes, title="Tjänsteutlåtande SOF 2026-0001")
    assert "Table" in report.tags
"""

import io
import re
from dataclasses import dataclass, field

import pikepdf

SRGB_COMPONENTS = 3


@dataclass
class PdfReport:
    """What the checker found; `problems` is empty for a document that passes."""

    problems: list[str] = field(default_factory=list)
    pdfa: str = ""  # part and conformance, e.g. "2A"
    pdfua: str = ""  # PDF/UA part, e.g. "1"
    title: str = ""
    lang: str = ""
    tags: list[str] = field(default_factory=list)  # structure types, in reading order
    headings: list[int] = field(default_factory=list)  # heading levels, in reading order
    fonts: set[str] = field(default_factory=set)
    artifacts: int = 0  # marked-content sequences marked as pagination artifacts


def check_pdf(pdf: bytes) -> PdfReport:
    """Read the PDF back and list every problem found, without raising."""
    report = PdfReport()
    with pikepdf.open(io.BytesIO(pdf)) as document:
        _identification(document, report)
        _output_intent(document, report)
        _fonts(document, report)
        _title_and_language(document, report)
        _structure(document, report)
    return report


def assert_archival_pdf(pdf: bytes, *, title: str | None = None, lang: str = "sv") -> PdfReport:
    """Fail the test with every problem found; optionally check the exact title and language."""
    report = check_pdf(pdf)
    problems = list(report.problems)
    if title is not None and report.title != title:
        problems.append(f"title is {report.title!r}, expected {title!r}")
    if report.lang.split("-")[0] != lang:
        problems.append(f"/Lang is {report.lang!r}, expected {lang!r}")
    assert not problems, "The PDF is not archival and accessible:\n- " + "\n- ".join(problems)
    return report


def _identification(document: pikepdf.Pdf, report: PdfReport) -> None:
    with document.open_metadata() as xmp:
        report.pdfa = xmp.pdfa_status
        report.pdfua = str(xmp.get("pdfuaid:part", ""))
        xmp_title = str(xmp.get("dc:title", ""))
        xmp_authors = ", ".join(xmp.get("dc:creator", []) or [])
    if report.pdfa not in {"2A", "3A"}:
        report.problems.append(f"XMP names PDF/A {report.pdfa or 'nothing'}, not PDF/A-2a or -3a")
    if report.pdfua != "1":
        report.problems.append("XMP does not name PDF/UA-1 (pdfuaid:part)")
    info_title = str(document.docinfo.get("/Title", ""))
    if xmp_title != info_title:
        report.problems.append(f"XMP dc:title {xmp_title!r} differs from /Title {info_title!r}")
    info_author = str(document.docinfo.get("/Author", ""))
    if xmp_authors != info_author:  # PDF/A wants the document information and the XMP alike
        report.problems.append(f"XMP dc:creator {xmp_authors!r} differs from /Author")
    if "/ID" not in document.trailer:
        report.problems.append("the trailer has no /ID")


def _output_intent(document: pikepdf.Pdf, report: PdfReport) -> None:
    intents = document.Root.get("/OutputIntents") or []
    pdfa = [i for i in intents if i.get("/S") == "/GTS_PDFA1"]
    if not pdfa:
        report.problems.append("no PDF/A output intent (/GTS_PDFA1)")
        return
    profile = pdfa[0].get("/DestOutputProfile")
    name = str(pdfa[0].get("/OutputConditionIdentifier", ""))
    if profile is None or int(profile.get("/N", 0)) != SRGB_COMPONENTS or "sRGB" not in name:
        report.problems.append(f"the output intent is not an sRGB ICC profile ({name!r})")


def _font_objects(resources, seen: set):
    """Fonts of a resource dictionary and of the forms (XObjects) it draws, once each."""
    if resources is None:
        return
    for font in (resources.get("/Font") or {}).values():
        if font.objgen not in seen:
            seen.add(font.objgen)
            yield font
    for xobject in (resources.get("/XObject") or {}).values():
        if xobject.get("/Subtype") == "/Form" and xobject.objgen not in seen:
            seen.add(xobject.objgen)
            yield from _font_objects(xobject.get("/Resources"), seen)


def _fonts(document: pikepdf.Pdf, report: PdfReport) -> None:
    seen: set = set()
    for page in document.pages:
        for font in _font_objects(page.obj.get("/Resources"), seen):
            descendants = font.get("/DescendantFonts")
            described = descendants[0] if descendants is not None else font
            name = str(described.get("/BaseFont", "?"))
            report.fonts.add(re.sub(r"^/?([A-Z]{6}\+)?", "", name))
            descriptor = described.get("/FontDescriptor")
            files = {"/FontFile", "/FontFile2", "/FontFile3"}
            if descriptor is None or not files & set(descriptor.keys()):
                report.problems.append(f"font {name} is not embedded")
    if not report.fonts:
        report.problems.append("no fonts found (is there any text?)")


def _title_and_language(document: pikepdf.Pdf, report: PdfReport) -> None:
    report.title = str(document.docinfo.get("/Title", "")).strip()
    report.lang = str(document.Root.get("/Lang", "")).strip()
    if not report.title:
        report.problems.append("no /Title")
    if not report.lang:
        report.problems.append("no /Lang")
    preferences = document.Root.get("/ViewerPreferences") or {}
    if preferences.get("/DisplayDocTitle") is not True:
        report.problems.append("/ViewerPreferences lacks DisplayDocTitle true")


def _structure(document: pikepdf.Pdf, report: PdfReport) -> None:
    mark_info = document.Root.get("/MarkInfo") or {}
    if mark_info.get("/Marked") is not True:
        report.problems.append("/MarkInfo is not Marked true")
    root = document.Root.get("/StructTreeRoot")
    if root is None:
        report.problems.append("no /StructTreeRoot")
        return
    in_tree: set = set()
    _walk(root.get("/K"), report, in_tree)
    _heading_order(report)
    _untagged_content(document, root, in_tree, report)


def _kids(kids):
    if kids is None:
        return []
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _walk(kids, report: PdfReport, in_tree: set) -> None:
    for kid in _kids(kids):
        if not isinstance(kid, pikepdf.Dictionary) or kid.get("/Type") == "/OBJR":
            continue
        if kid.get("/Type") not in (None, "/StructElem") or kid.objgen in in_tree:
            continue
        in_tree.add(kid.objgen)
        tag = str(kid.get("/S", ""))[1:]
        report.tags.append(tag)
        if re.fullmatch(r"H[1-6]", tag):
            report.headings.append(int(tag[1]))
        if tag == "TH":
            attributes = kid.get("/A") or {}
            if attributes.get("/Scope") not in ("/Row", "/Column", "/Both"):
                report.problems.append("a table header cell (TH) has no /Scope")
        _walk(kid.get("/K"), report, in_tree)


def _heading_order(report: PdfReport) -> None:
    if not report.headings:
        report.problems.append("no headings in the structure tree")
        return
    if report.headings[0] != 1 or report.headings.count(1) != 1:
        report.problems.append(f"expected one H1 first, found levels {report.headings}")
    for before, after in zip(report.headings, report.headings[1:], strict=False):
        if after > before + 1:
            report.problems.append(f"heading level jumps from H{before} to H{after}")


# Operators that put text, images or shadings on the page: each must be tagged or an artifact.
PAINTING = {"Tj", "TJ", "'", '"', "Do", "sh", "INLINE IMAGE"}


def _untagged_content(document: pikepdf.Pdf, root, in_tree: set, report: PdfReport) -> None:
    """Check each page's marked content against the structure tree, as PDF/UA asks.

    Every marked-content id maps, through the parent tree, to an element in the tree; text and
    images are drawn inside marked content; artifacts and tagged content do not nest in each other.
    """
    nums = list((root.get("/ParentTree") or {}).get("/Nums") or [])
    parents = dict(zip(nums[::2], nums[1::2], strict=False))
    for number, page in enumerate(document.pages, start=1):
        if page.obj.get("/StructParents") is None:
            report.problems.append(f"page {number} has no /StructParents")
            continue
        mapping = parents.get(int(page.obj.StructParents))
        found: set[str] = set()
        stack: list[bool] = []  # True for an artifact, per open marked-content sequence
        for operands, operator in pikepdf.parse_content_stream(page.obj):
            op = str(operator)
            if op in ("BMC", "BDC"):
                artifact = str(operands[0]) == "/Artifact"
                if stack and stack[-1] != artifact:
                    found.add("tagged content and an artifact nest in each other")
                if op == "BDC" and artifact:
                    properties = operands[1]
                    if isinstance(properties, pikepdf.Dictionary):
                        report.artifacts += properties.get("/Type") == "/Pagination"
                elif op == "BDC":
                    found |= _mapped(operands[1], mapping, in_tree)
                stack.append(artifact)
            elif op == "EMC" and stack:
                stack.pop()
            elif op in PAINTING and not stack:
                found.add(f"{op} draws outside any tagged content or artifact")
        report.problems.extend(f"page {number}: {problem}" for problem in sorted(found))


def _mapped(properties, mapping, in_tree: set) -> set[str]:
    mcid = properties.get("/MCID") if isinstance(properties, pikepdf.Dictionary) else None
    element = None
    if mcid is not None and mapping is not None and int(mcid) < len(mapping):
        element = mapping[int(mcid)]
    if isinstance(element, pikepdf.Dictionary) and element.objgen in in_tree:
        return set()
    return {"content is neither in the structure tree nor an artifact"}
