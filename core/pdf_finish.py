"""Accessibility fixes WeasyPrint 70 leaves out, applied to its PDF objects before they are written.

WeasyPrint builds the structure tree for a tagged PDF/A but, as of version 70:
- marks the text of page margins (running header, page numbers, Dnr footer) as tagged content
  whose structure elements are linked to nothing (upstream issue #1836): PDF/UA-1 wants such
  pagination marked as artifacts instead;
- writes no /Scope on table header cells, only IDs and /Headers (upstream issue #2508);
- names PDF/A in the XMP metadata but not PDF/UA when a PDF/A variant is chosen (one variant only).
`finish_pdf` is handed to `write_pdf(finisher=…)` and fixes those three in the pydyf objects.
"""

import pydyf
from weasyprint.formatting_structure import boxes

PDFUA_PART = 1

# The PDF/UA identification schema, declared as PDF/A requires for a schema that ISO 16684 (XMP)
# does not predefine; the same block other PDF/A-and-UA producers write.
_PDFUA_XMP = f"""<rdf:Description rdf:about=""
  xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" pdfuaid:part="{PDFUA_PART}"/>
<rdf:Description rdf:about=""
  xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
  xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
  xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
 <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
  <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
  <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
  <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
  <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
   <pdfaProperty:name>part</pdfaProperty:name>
   <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
   <pdfaProperty:category>internal</pdfaProperty:category>
   <pdfaProperty:description>Part of ISO 14289 the document conforms to</pdfaProperty:description>
  </rdf:li></rdf:Seq></pdfaSchema:property>
 </rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
""".encode()

# HTML's scope keywords as PDF's /Scope names; a header cell without one is read as a column
# header inside <thead> and as a row header elsewhere, as HTML's "auto" state mostly reads them.
_SCOPES = {"col": "/Column", "colgroup": "/Column", "row": "/Row", "rowgroup": "/Row"}


def finish_pdf(document, pdf: pydyf.PDF) -> None:
    """Mark margin content as artifacts, give table headers a /Scope and declare PDF/UA-1."""
    if "StructTreeRoot" not in pdf.catalog:
        return  # an untagged variant: nothing to fix
    _margins_as_artifacts(pdf)
    _table_header_scopes(document)
    _declare_pdfua(pdf)


def _object(pdf: pydyf.PDF, reference):
    return pdf.objects[int(reference.split()[0])]


def _reachable_elements(pdf: pydyf.PDF) -> set[int]:
    """Object numbers of every structure element that hangs from the structure tree's root."""
    root = _object(pdf, pdf.catalog["StructTreeRoot"])
    seen: set[int] = set()
    pending = [kid for kid in root["K"] if isinstance(kid, bytes)]
    while pending:
        number = int(pending.pop().split()[0])
        if number in seen:
            continue
        seen.add(number)
        element = pdf.objects[number]
        if isinstance(element, dict) and element.get("Type") == "/StructElem":
            pending.extend(kid for kid in element["K"] if isinstance(kid, bytes))
    return seen


def _margins_as_artifacts(pdf: pydyf.PDF) -> None:
    """Turn marked content whose structure element is outside the tree into a pagination artifact.

    Only page-margin content is left outside the tree by WeasyPrint (it is laid out per page and
    repeated), so this marks exactly the running header, the page numbers and the footer.
    """
    reachable = _reachable_elements(pdf)
    root = _object(pdf, pdf.catalog["StructTreeRoot"])
    nums = _object(pdf, root["ParentTree"])["Nums"]
    page_numbers = pdf.pages["Kids"][::3]
    for key, mapping in zip(nums[::2], nums[1::2], strict=True):
        if not isinstance(mapping, pydyf.Array) or key >= len(page_numbers):
            continue  # annotations map to one element each, not to a page's content
        orphans = {
            mcid
            for mcid, reference in enumerate(mapping)
            if isinstance(reference, bytes) and int(reference.split()[0]) not in reachable
        }
        if not orphans:
            continue
        page = pdf.objects[page_numbers[key]]
        _rewrite_marked_content(_object(pdf, page["Contents"]), orphans)
        for mcid in orphans:
            mapping[mcid] = "null"


def _rewrite_marked_content(stream: pydyf.Stream, mcids: set[int]) -> None:
    """Replace `/Tag <</MCID n>> BDC` by `/Artifact <</Type /Pagination>> BDC` for the given n."""
    operations = stream.stream
    for index, operation in enumerate(operations):
        if isinstance(operation, dict) and operation.get("MCID") in mcids:
            operations[index - 1] = "/Artifact"
            operations[index] = pydyf.Dictionary({"Type": "/Pagination"})


def _table_header_scopes(document) -> None:
    """Copy each <th>'s scope onto the structure element WeasyPrint made for it."""
    for page in document.pages:
        in_head: list[bool] = []
        _walk_cells(page._page_box, in_head)


def _walk_cells(box, in_head: list[bool]) -> None:
    tag = box.element_tag if box.element is not None else None
    if tag == "th" and getattr(box, "mark", None) is not None:
        scope = box.element.attrib.get("scope", "").lower()
        default = "/Column" if (in_head and in_head[-1]) else "/Row"
        box.mark["A"]["Scope"] = _SCOPES.get(scope, default)
    if isinstance(box, boxes.ParentBox):
        entered = isinstance(box, boxes.TableRowGroupBox)
        if entered:
            in_head.append(tag == "thead" or bool(getattr(box, "is_header", False)))
        for child in box.children:
            _walk_cells(child, in_head)
        if entered:
            in_head.pop()


def _declare_pdfua(pdf: pydyf.PDF) -> None:
    """Add the PDF/UA-1 identification to the XMP packet WeasyPrint wrote for PDF/A."""
    metadata = _object(pdf, pdf.catalog["Metadata"])
    packet = b"".join(
        part if isinstance(part, bytes) else str(part).encode() for part in metadata.stream
    )
    if b"pdfuaid:part" in packet:
        return
    closing = b"</rdf:RDF>"
    position = packet.rindex(closing)
    metadata.stream = [packet[:position] + _PDFUA_XMP + packet[position:]]
