"""Small inline SVG charts, drawn from the numbers on the page.

Why SVG written here rather than a chart library: the pages must work offline (no CDN,
nothing fetched), and a bar per period is all a newsroom needs to see when someone was
quoted. Every label is escaped: speaker names and sources are text from the corpus.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

BAR_W, GAP, HEIGHT, LABEL_H, PAD = 18, 4, 120, 50, 50  # PAD: room for the last label
COLOURS = {"female": "#b3367a", "male": "#2f6db3", "unknown": "#9a9a9a"}


def bars(points: Sequence[tuple[str, int]], title: str) -> str:
    """A bar per (label, count), in the order given, with the count as a tooltip."""
    if not points:
        return ""
    top = max(n for _, n in points) or 1
    width = len(points) * (BAR_W + GAP) + GAP + PAD
    parts = [
        f'<svg class="chart" role="img" aria-label="{escape(title)}" width="{width}" '
        f'height="{HEIGHT + LABEL_H}" viewBox="0 0 {width} {HEIGHT + LABEL_H}">',
        f"<title>{escape(title)}</title>",
    ]
    for i, (label, n) in enumerate(points):
        h = round(HEIGHT * n / top)
        x = GAP + i * (BAR_W + GAP)
        parts.append(
            f'<rect class="bar" x="{x}" y="{HEIGHT - h}" width="{BAR_W}" height="{h}">'
            f"<title>{escape(label)}: {n}</title></rect>"
        )
        parts.append(
            f'<text x="{x + 4}" y="{HEIGHT + 10}" font-size="10" '
            f'transform="rotate(40 {x + 4} {HEIGHT + 10})">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def gender_bar(counts: dict[str, int], width: int = 160) -> str:
    """One horizontal bar split by speaker gender, each part's count as a tooltip."""
    total = sum(counts.values())
    if not total:
        return ""
    parts = [f'<svg class="gender" width="{width}" height="12" role="img" aria-label="gender">']
    x = 0.0
    for gender, colour in COLOURS.items():
        n = counts.get(gender, 0)
        w = width * n / total
        if n:
            parts.append(
                f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="12" fill="{colour}">'
                f"<title>{gender}: {n}</title></rect>"
            )
        x += w
    parts.append("</svg>")
    return "".join(parts)
