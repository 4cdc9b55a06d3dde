"""core.docx builds Word documents with heading styles, restarting numbered lists and tables."""

from core.docx import Points, Section, Table, Text, WordDocument, build_docx

from .docxread import read_docx


def memo(**overrides) -> bytes:
    fields = {
        "title": "Promemoria",
        "language": "sv-SE",
        "author": "Socialförvaltningen",
        "running_header": "Socialförvaltningen",
        "details": [("Dnr", "SOF 2026-0001")],
        "sections": [
            Section("Förslag till beslut", [Points(["Nämnden godkänner.", "Justeras."])]),
            Section("Bakgrund", [Text("Första raden\nandra raden\n\nNytt stycke")]),
            Section("Insatser", [Table(["År", "Part"], [["2027", "Kommunen"]], caption="Per år")]),
            Section("Bilagor", [Points(["Avtal", "Initiativ"])], level=3),
            Section("Kontakt", [Points(["Telefon"], numbered=False)]),
        ],
    }
    return build_docx(WordDocument(**(fields | overrides)))


def test_headings_use_word_heading_styles_in_order():
    outline = read_docx(memo())
    assert outline.headings == [
        (1, "Promemoria"),
        (2, "Förslag till beslut"),
        (2, "Bakgrund"),
        (2, "Insatser"),
        (3, "Bilagor"),
        (2, "Kontakt"),
    ]


def test_each_numbered_list_is_a_word_list_of_its_own():
    outline = read_docx(memo())
    texts = [text for _, text in outline.numbered]
    assert texts == ["Nämnden godkänner.", "Justeras.", "Avtal", "Initiativ"]
    first, second = {n for n, _ in outline.numbered[:2]}, {n for n, _ in outline.numbered[2:]}
    # One numbering instance per list, so the second list starts again at 1.
    assert len(first) == 1 and len(second) == 1 and first != second
    assert "Telefon" in outline.paragraphs and "Telefon" not in texts


def test_title_language_header_and_table_header_row():
    outline = read_docx(memo(language="en-GB", title="Memo"))
    assert outline.title == "Memo"
    assert outline.language == "en-GB" and outline.proofing_language == "en-GB"
    assert outline.running_header.startswith("Socialförvaltningen")
    assert outline.tables == [[["År", "Part"], ["2027", "Kommunen"]]]
    assert outline.header_rows == [True]


def test_newlines_break_lines_and_blank_lines_start_paragraphs():
    outline = read_docx(memo())
    assert "Första raden\nandra raden" in outline.paragraphs
    assert "Nytt stycke" in outline.paragraphs
