"""Bar charts drawn on the server as SVG: no script, no library, readable without colour.

Each chart names itself (role="img" with a title) and says that its figures are in the table
that follows it; the table is the chart's text alternative and its exact figures.
"""

from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

WIDTH = 680
LABEL_WIDTH = 280
VALUE_WIDTH = 90
ROW_HEIGHT = 28
BAR_HEIGHT = 18
TOP = 8
MAX_LABEL = 38
# Dark text on white passes 4.5:1; the bar colour on white passes the 3:1 for graphics.
TEXT = "#1b1b1b"
BAR = "#205493"
BACKGROUND = "#ffffff"


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1] + "…"


def display_figure(value) -> str:
    """A figure as the page shows it: 12 345 with a non-breaking space, 4,5 with a comma."""
    if value is None:
        return "–"
    text = f"{value:,}".replace(",", "\u00a0") if isinstance(value, int) else str(value)
    return text.replace(".", ",")


def bar_chart(*, chart_id: str, title: str, labels: list[str], values: list) -> str:
    """An SVG of horizontal bars, one per label, scaled to the largest value."""
    numbers = [v or 0 for v in values]
    largest = max(numbers, default=0) or 1
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    height = TOP * 2 + ROW_HEIGHT * max(len(labels), 1)
    rows = []
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        y = TOP + index * ROW_HEIGHT
        length = round(span * (value or 0) / largest, 1)
        rows.append(
            (
                LABEL_WIDTH - 8,
                y + ROW_HEIGHT / 2 + 4,
                _short(str(label)),
                LABEL_WIDTH,
                y + (ROW_HEIGHT - BAR_HEIGHT) / 2,
                length,
                BAR_HEIGHT,
                LABEL_WIDTH + length + 6,
                y + ROW_HEIGHT / 2 + 4,
                display_figure(value),
            )
        )
    body = format_html_join(
        "",
        '<text x="{}" y="{}" text-anchor="end">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" fill="' + BAR + '"></rect>'
        '<text x="{}" y="{}">{}</text>',
        rows,
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="statistik-chart" role="img" '
        'aria-labelledby="{id}-title" viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
        'font-family="sans-serif" font-size="13" fill="{text}">'
        '<title id="{id}-title">{title}</title>'
        '<rect x="0" y="0" width="{w}" height="{h}" fill="{bg}"></rect>{body}</svg>',
        id=chart_id,
        w=WIDTH,
        h=height,
        text=TEXT,
        title=_("Diagram: %(title)s. Siffrorna finns i tabellen under diagrammet.")
        % {"title": title},
        bg=BACKGROUND,
        body=body,
    )
