"""Read a DOCX back as a person using Word's navigation pane and lists would meet it."""

import io
from dataclasses import dataclass, field

import docx
from docx.oxml.ns import qn


@dataclass
class DocxOutline:
    title: str = ""
    language: str = ""  # dc:language in core.xml
    proofing_language: str = ""  # w:lang of the default run properties
    headings: list[tuple[int, str]] = field(default_factory=list)  # (level, text) in order
    numbered: list[tuple[int, str]] = field(default_factory=list)  # (list's numId, text)
    paragraphs: list[str] = field(default_factory=list)
    tables: list[list[list[str]]] = field(default_factory=list)
    header_rows: list[bool] = field(default_factory=list)  # per table: first row repeats
    running_header: str = ""

    @property
    def text(self) -> str:
        cells = [" ".join(" ".join(row) for row in table) for table in self.tables]
        return "\n".join([*self.paragraphs, *cells])


def read_docx(data: bytes) -> DocxOutline:
    document = docx.Document(io.BytesIO(data))
    outline = DocxOutline(
        title=document.core_properties.title, language=document.core_properties.language
    )
    defaults = document.styles.element.find(qn("w:docDefaults"))
    lang = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    outline.proofing_language = lang.get(qn("w:val")) if lang is not None else ""
    outline.running_header = document.sections[0].header.paragraphs[0].text
    for paragraph in document.paragraphs:
        style = paragraph.style.name
        outline.paragraphs.append(paragraph.text)
        if style.startswith("Heading "):
            outline.headings.append((int(style.removeprefix("Heading ")), paragraph.text))
        properties = paragraph._p.pPr
        if style == "List Number" and properties is not None and properties.numPr is not None:
            outline.numbered.append((properties.numPr.numId.val, paragraph.text))
    for table in document.tables:
        outline.tables.append([[cell.text for cell in row.cells] for row in table.rows])
        row_properties = table.rows[0]._tr.trPr
        outline.header_rows.append(
            row_properties is not None and row_properties.find(qn("w:tblHeader")) is not None
        )
    return outline
