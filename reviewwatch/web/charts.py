"""Server-rendered inline SVG charts: readable with JavaScript off, and allowed by the CSP.

Each chart is an <svg role="img"> with a <title> naming what it shows, and a <title> on
every bar and point, so a screen reader and a hovering mouse both get the numbers. The
page also prints each chart's figures as a table. Colours come from classes in
style.css (no inline style: the Content-Security-Policy forbids it). Every text placed in
the markup is escaped, though the inputs are our own dates, counts and aspect ids.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup, escape

WIDTH, HEIGHT = 900, 200
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 36, 8, 10, 22
WEEK_MINUTES = 7 * 24 * 60


def minutes_text(minutes: float | None) -> str:
    """A duration for people: '35 min', '5.5 h', '3.2 days'."""
    if minutes is None:
        return "no replies yet"
    if minutes < 60:
        return f"{minutes:.0f} min"
    if minutes < 48 * 60:
        return f"{minutes / 60:.1f} h"
    return f"{minutes / 1440:.1f} days"


def _svg(label: str, body: str, width: int = WIDTH, height: int = HEIGHT,
         cls: str = "chart") -> Markup:
    # Every text in `body` and `label` went through escape(); the rest is our own numbers.
    return Markup(  # noqa: S704
        f'<svg class="{cls}" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{escape(label)}</title>{body}</svg>")


def _x_labels(buckets: Sequence[str], x_of) -> str:
    if not buckets:
        return ""
    picks = sorted({0, len(buckets) // 2, len(buckets) - 1})
    anchor = {0: "start", len(buckets) - 1: "end"}
    return "".join(
        f'<text class="axis" x="{x_of(i):.1f}" y="{HEIGHT - 6}" '
        f'text-anchor="{anchor.get(i, "middle")}">{escape(buckets[i])}</text>' for i in picks)


def volume_chart(series: Sequence[dict[str, Any]]) -> Markup:
    """Bars of items per bucket, the negative share of each bar drawn in its own colour."""
    n = max(1, len(series))
    top = max([s["volume"] for s in series] + [1])
    plot_w, plot_h = WIDTH - PAD_LEFT - PAD_RIGHT, HEIGHT - PAD_TOP - PAD_BOTTOM
    step = plot_w / n
    bar = max(1.0, step * 0.8)
    parts = [f'<line class="grid" x1="{PAD_LEFT}" x2="{WIDTH - PAD_RIGHT}" y1="{PAD_TOP}" '
             f'y2="{PAD_TOP}"/>',
             f'<text class="axis" x="{PAD_LEFT - 4}" y="{PAD_TOP + 4}" text-anchor="end">'
             f"{top}</text>",
             f'<line class="base" x1="{PAD_LEFT}" x2="{WIDTH - PAD_RIGHT}" '
             f'y1="{PAD_TOP + plot_h}" y2="{PAD_TOP + plot_h}"/>']
    for i, s in enumerate(series):
        x = PAD_LEFT + i * step + (step - bar) / 2
        h_all = plot_h * s["volume"] / top
        h_neg = plot_h * s["negative"] / top
        base = PAD_TOP + plot_h
        parts.append(
            f'<g class="bar"><title>{escape(s["bucket"])}: {s["volume"]} items, '
            f'{s["negative"]} negative</title>'
            f'<rect class="all" x="{x:.1f}" y="{base - h_all:.1f}" width="{bar:.1f}" '
            f'height="{h_all:.1f}"/>'
            f'<rect class="neg" x="{x:.1f}" y="{base - h_neg:.1f}" width="{bar:.1f}" '
            f'height="{h_neg:.1f}"/></g>')
    parts.append(_x_labels([s["bucket"] for s in series],
                           lambda i: PAD_LEFT + i * step + step / 2))
    total = sum(s["volume"] for s in series)
    negative = sum(s["negative"] for s in series)
    return _svg(f"Items per period: {total} in all, {negative} negative", "".join(parts))


def rating_chart(series: Sequence[dict[str, Any]]) -> Markup:
    """The mean star rating (out of 5) per bucket; a bucket without ratings leaves a gap."""
    n = max(1, len(series))
    plot_w, plot_h = WIDTH - PAD_LEFT - PAD_RIGHT, HEIGHT - PAD_TOP - PAD_BOTTOM
    step = plot_w / n

    def y_of(stars: float) -> float:
        return PAD_TOP + plot_h * (5 - stars) / 4

    parts = []
    for stars in (1, 2, 3, 4, 5):
        parts.append(f'<line class="grid" x1="{PAD_LEFT}" x2="{WIDTH - PAD_RIGHT}" '
                     f'y1="{y_of(stars):.1f}" y2="{y_of(stars):.1f}"/>'
                     f'<text class="axis" x="{PAD_LEFT - 4}" y="{y_of(stars) + 4:.1f}" '
                     f'text-anchor="end">{stars}★</text>')
    runs: list[list[str]] = [[]]
    for i, s in enumerate(series):
        if s["rating"] is None:
            runs.append([])
            continue
        x, y = PAD_LEFT + i * step + step / 2, y_of(s["rating"])
        runs[-1].append(f"{x:.1f},{y:.1f}")
        parts.append(f'<circle class="point" cx="{x:.1f}" cy="{y:.1f}" r="3">'
                     f'<title>{escape(s["bucket"])}: {s["rating"]:.2f} of 5 from '
                     f'{s["rated"]} rated reviews</title></circle>')
    for run in runs:
        if len(run) > 1:
            parts.insert(0, f'<polyline class="line" points="{" ".join(run)}"/>')
    parts.append(_x_labels([s["bucket"] for s in series],
                           lambda i: PAD_LEFT + i * step + step / 2))
    rated = [s for s in series if s["rating"] is not None]
    label = "Mean rating per period" + ("" if rated else ": no rated reviews in this period")
    return _svg(label, "".join(parts))


def reply_time_chart(median: float | None, expects: float, average: float) -> Markup:
    """A time scale (1 minute to a week, logarithmic) with the median reply time and the
    two benchmarks marked on it."""
    width, height, left, right = WIDTH, 70, 12, 12

    def x_of(minutes: float) -> float:
        m = min(max(minutes, 1.0), WEEK_MINUTES)
        return left + (width - left - right) * math.log(m) / math.log(WEEK_MINUTES)

    parts = [f'<line class="base" x1="{left}" x2="{width - right}" y1="40" y2="40"/>']
    for minutes, text in ((1, "1 min"), (60, "1 h"), (1440, "1 day"), (WEEK_MINUTES, "1 week")):
        anchor = "start" if minutes == 1 else "end" if minutes == WEEK_MINUTES else "middle"
        parts.append(f'<text class="axis" x="{x_of(minutes):.1f}" y="58" '
                     f'text-anchor="{anchor}">{text}</text>')
    for minutes, cls, text in ((expects, "bench", "customers expect"),
                               (average, "bench", "businesses average")):
        parts.append(f'<g class="{cls}"><title>{text}: {minutes_text(minutes)}</title>'
                     f'<line x1="{x_of(minutes):.1f}" x2="{x_of(minutes):.1f}" y1="22" '
                     f'y2="46"/><text class="axis" x="{x_of(minutes):.1f}" y="18" '
                     f'text-anchor="middle">{text}</text></g>')
    if median is not None:
        parts.append(f'<g class="ours"><title>your median: {minutes_text(median)}</title>'
                     f'<circle cx="{x_of(median):.1f}" cy="40" r="6"/></g>')
    label = f"Median time to reply: {minutes_text(median)}, against {minutes_text(expects)} " \
            f"that customers expect and {minutes_text(average)} that businesses average"
    return _svg(label, "".join(parts), width, height, "chart reply-time")


def sparkline(values: Sequence[int], label: str) -> Markup:
    """A small line of counts per bucket, for an aspect's trend."""
    width, height = 120, 24
    top = max(list(values) + [1])
    n = max(1, len(values) - 1)
    points = " ".join(f"{2 + (width - 4) * i / n:.1f},{height - 2 - (height - 4) * v / top:.1f}"
                      for i, v in enumerate(values))
    return _svg(label, f'<polyline class="line" points="{points}"/>', width, height,
                "spark")
