"""Word documents (DOCX) from a simple outline: real heading styles, numbered lists, tables.

For people who finish a text in Word. Built with python-docx rather than docxtpl: the documents
are given as data (sections of paragraphs, points and tables), not as a Word file with template
tags to keep in step with the HTML templates, and docxtpl is python-docx plus Jinja in any case.

    build_docx(WordDocument(title=…, language="sv-SE", sections=[Section("Bakgrund", [Text(…)])]))

Headings use Word's own "Heading 1…3" styles (the title is Heading 1, as the PDF's H1), so the
navigation pane, a table of contents and an accessible PDF export from Word all find them;
numbered points use the "List Number" style with numbering that starts at 1 in every list.
"""

import io
from dataclasses import dataclass, field

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt


@dataclass(frozen=True)
class Text:
    """A paragraph; a blank line in the text starts a new paragraph, a newline breaks the line."""

    text: str


@dataclass(frozen=True)
class Points:
    """A list: numbered (1, 2, 3 … restarting in each list) or with bullets."""

    items: list[str]
    numbered: bool = True


@dataclass(frozen=True)
class Table:
    """A table whose first row names the columns; it repeats on each page as Word's header row."""

    columns: list[str]
    rows: list[list[str]]
    caption: str = ""


Block = Text | Points | Table


@dataclass(frozen=True)
class Section:
    """A heading and what follows it; level 2 is a section, 3 a part of one (1 is the title)."""

    heading: str
    blocks: list[Block] = field(default_factory=list)
    level: int = 2


@dataclass(frozen=True)
class WordDocument:
    title: str
    language: str  # BCP 47, e.g. "sv-SE": Word's proofing language and the document's dc:language
    sections: list[Section]
    subtitle: str = ""
    author: str = ""
    running_header: str = ""  # printed at the top of each page, beside "page (pages)"
    # Dnr, Datum, Till …: label and value, printed above the title.
    details: list[tuple[str, str]] = field(default_factory=list)


def build_docx(document: WordDocument) -> bytes:
    """Return the .docx file for `document`."""
    word = docx.Document()
    _properties(word, document)
    _running_header(word, document.running_header)
    for label, value in document.details:
        paragraph = word.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(value)
    word.add_heading(document.title, level=1)
    if document.subtitle:
        word.add_paragraph(document.subtitle, style="Subtitle")
    for section in document.sections:
        word.add_heading(section.heading, level=section.level)
        for block in section.blocks:
            _add_block(word, block)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def _properties(word, document: WordDocument) -> None:
    properties = word.core_properties
    properties.title = document.title
    properties.language = document.language
    properties.author = document.author
    properties.comments = ""
    # Word reads the language of the text from the default run properties, not from core.xml.
    defaults = word.styles.element.find(qn("w:docDefaults"))
    run_properties = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = run_properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        run_properties.append(language)
    language.set(qn("w:val"), document.language)


def _running_header(word, text: str) -> None:
    header = word.sections[0].header
    paragraph = header.paragraphs[0]
    paragraph.text = text
    paragraph.add_run("\t\t")
    _field(paragraph, "PAGE")
    paragraph.add_run(" (")
    _field(paragraph, "NUMPAGES")
    paragraph.add_run(")")
    for run in paragraph.runs:
        run.font.size = Pt(9)


def _field(paragraph, instruction: str) -> None:
    """A Word field such as PAGE, updated by Word when the document is shown or printed."""
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    simple.append(run)
    paragraph._p.append(simple)


def _add_block(word, block: Block) -> None:
    if isinstance(block, Points):
        _add_points(word, block)
    elif isinstance(block, Table):
        _add_table(word, block)
    else:
        for chunk in block.text.strip().split("\n\n"):
            paragraph = word.add_paragraph()
            lines = chunk.split("\n")
            for number, line in enumerate(lines):
                run = paragraph.add_run(line)
                if number < len(lines) - 1:
                    run.add_break()


def _add_points(word, points: Points) -> None:
    if not points.numbered:
        for item in points.items:
            word.add_paragraph(item, style="List Bullet")
        return
    num_id = _restarted_numbering(word)
    for item in points.items:
        paragraph = word.add_paragraph(item, style="List Number")
        numbering = paragraph._p.get_or_add_pPr().get_or_add_numPr()
        numbering.get_or_add_ilvl().val = 0
        numbering.get_or_add_numId().val = num_id


def _restarted_numbering(word) -> int:
    """A new numbering instance of the List Number style's list, starting again at 1."""
    style_num = word.styles["List Number"].element.pPr.numPr.numId.val
    numbering = word.part.numbering_part.element
    abstract_id = numbering.num_having_numId(style_num).abstractNumId.val
    num = numbering.add_num(abstract_id)
    num.add_lvlOverride(ilvl=0).add_startOverride(1)
    return num.numId


def _add_table(word, table: Table) -> None:
    if table.caption:
        word.add_paragraph(table.caption, style="Caption")
    grid = word.add_table(rows=1 + len(table.rows), cols=len(table.columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.LEFT
    for cell, name in zip(grid.rows[0].cells, table.columns, strict=True):
        cell.text = name
        for run in cell.paragraphs[0].runs:
            run.bold = True
    # The first row is the header row: Word repeats it and screen readers announce it.
    row_properties = grid.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row_properties.append(header)
    for row, values in zip(grid.rows[1:], table.rows, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    if table.caption:
        # The table's title for assistive technology (Word's "Alt Text" title).
        caption = OxmlElement("w:tblCaption")
        caption.set(qn("w:val"), table.caption)
        properties = grid._tbl.tblPr
        layout = properties.find(qn("w:tblLook"))
        if layout is not None:
            layout.addnext(caption)
        else:
            properties.append(caption)
