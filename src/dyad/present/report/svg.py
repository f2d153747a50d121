"""Inline SVG charts drawn by hand (no JavaScript, no external resources): the index chart and the issue heatmap."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

import polars as pl

from dyad.measure.episodes import Episode, TurningPoint

KIND_FILL = {"tension": "#f2b8b5", "reset": "#b9e0c0", "normal": "#eeeeee"}
LINE = "#1f3b73"


def _f(x: float) -> str:
    return f"{x:.1f}"


def index_chart(series: pl.DataFrame, episodes: Sequence[Episode], turning: Sequence[TurningPoint], *,
                width: int = 960, height: int = 340, bound: float = 9.0,
                directions: pl.DataFrame | None = None) -> str:
    """The relationship level (−bound..+bound) over time, episodes shaded, turning points marked.

    `directions` (optional): a frame with period_start, direction, level to draw as thin extra lines.
    """
    left, right, top, bottom = 44, 16, 18, 36
    pw, ph = width - left - right, height - top - bottom
    starts = series["period_start"].to_list()
    ends = series["period_end"].to_list()
    levels = [float(v) for v in series["level"].to_list()]
    if not starts:
        return f'<svg class="chart" viewBox="0 0 {width} {height}" role="img"><text x="10" y="20">no data</text></svg>'
    t0, t1 = starts[0].toordinal(), ends[-1].toordinal() + 1
    span = max(t1 - t0, 1)

    def x(day: dt.date) -> float:
        return float(left + pw * (day.toordinal() - t0) / span)

    def y(v: float) -> float:
        return top + ph * (bound - v) / (2 * bound)

    out = [f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
           f'aria-label="Relationship level over time with episodes">']
    for ep in episodes:
        if ep.kind == "normal":
            continue
        x0, x1 = x(ep.start), x(ep.end + dt.timedelta(days=1))
        out.append(f'<rect class="episode {ep.kind}" x="{_f(x0)}" y="{top}" width="{_f(max(x1 - x0, 1))}" '
                   f'height="{ph}" fill="{KIND_FILL[ep.kind]}" opacity="0.7"><title>{escape(ep.kind)} '
                   f'{escape(ep.start_period)}–{escape(ep.end_period)}, mean level {ep.mean_level:+.1f}</title></rect>')
    for v in range(-int(bound), int(bound) + 1, 3):
        out.append(f'<line x1="{left}" x2="{left + pw}" y1="{_f(y(v))}" y2="{_f(y(v))}" stroke="#ccc" '
                   f'stroke-width="{1.2 if v == 0 else 0.5}"/>')
        out.append(f'<text x="{left - 6}" y="{_f(y(v) + 4)}" text-anchor="end" font-size="11">{v:+d}</text>')
    first_year, last_year = starts[0].year, ends[-1].year
    step = next(s for s in (1, 2, 5, 10, 20, 50) if (last_year - first_year) / s <= 14)
    for year in range(first_year - first_year % step + step if first_year % step else first_year,
                      last_year + 1, step):
        xx = x(dt.date(year, 1, 1))
        out.append(f'<line x1="{_f(xx)}" x2="{_f(xx)}" y1="{top + ph}" y2="{top + ph + 4}" stroke="#666"/>')
        out.append(f'<text x="{_f(xx)}" y="{top + ph + 16}" text-anchor="middle" font-size="11">{year}</text>')
    if directions is not None and directions.height:
        for (name,), group in directions.group_by(["direction"], maintain_order=True):
            pts = " ".join(f"{'M' if i == 0 else 'L'}{_f(x(d))},{_f(y(float(v)))}" for i, (d, v) in
                           enumerate(zip(group["period_start"].to_list(), group["level"].to_list(), strict=True)))
            dash = "4 3" if len(out) % 2 else "1 3"
            out.append(f'<path class="direction" d="{pts}" fill="none" stroke="#8a8a8a" stroke-width="1" '
                       f'stroke-dasharray="{dash}"><title>{escape(str(name))}</title></path>')
    pts = " ".join(f"{'M' if i == 0 else 'L'}{_f(x(d))},{_f(y(v))}" for i, (d, v) in enumerate(zip(starts, levels,
                                                                                                   strict=True)))
    out.append(f'<path class="level" d="{pts}" fill="none" stroke="{LINE}" stroke-width="2"/>')
    for k, tp in enumerate(turning):
        xx = x(tp.date)
        out.append(f'<line class="turning" x1="{_f(xx)}" x2="{_f(xx)}" y1="{top}" y2="{top + ph}" stroke="#444" '
                   f'stroke-dasharray="3 3"><title>turning point {escape(tp.period)}: {tp.before:+.1f} → '
                   f'{tp.after:+.1f}</title></line>')
        ty = top + 10 + (k % 3) * 12
        out.append(f'<text x="{_f(xx + 3)}" y="{ty}" font-size="10" fill="#333">{escape(tp.period)}</text>')
    out.append(f'<rect x="{left}" y="{top}" width="{pw}" height="{ph}" fill="none" stroke="#999"/>')
    out.append("</svg>")
    return "\n".join(out)


def _colour(v: float, bound: float) -> str:
    """Diverging colour: red for conflict, blue for cooperation, white at 0."""
    t = max(-1.0, min(1.0, v / bound))
    if t < 0:
        r, g, b = 255, int(255 * (1 + t * 0.75)), int(255 * (1 + t * 0.75))
    else:
        r, g, b = int(255 * (1 - t * 0.75)), int(255 * (1 - t * 0.45)), 255
    return f"#{r:02x}{g:02x}{b:02x}"


def heatmap(frame: pl.DataFrame, *, bound: float = 10.0, cell: int = 14, label_w: int = 90) -> str:
    """Issue domain × period: mean intensity per cell (frame columns issue, period, score, n)."""
    if frame.height == 0:
        return '<svg class="heatmap" viewBox="0 0 300 30" role="img"><text x="4" y="18">no data</text></svg>'
    issues = sorted(set(frame["issue"].to_list()))
    periods = sorted(set(frame["period"].to_list()))
    width, height = label_w + cell * len(periods) + 10, 24 + cell * len(issues) + 10
    out = [f'<svg class="heatmap" viewBox="0 0 {width} {height}" width="{width}" role="img" '
           f'aria-label="Index per issue and period">']
    col = {p: i for i, p in enumerate(periods)}
    row = {s: i for i, s in enumerate(issues)}
    for i, s in enumerate(issues):
        out.append(f'<text x="{label_w - 4}" y="{24 + i * cell + cell - 3}" text-anchor="end" '
                   f'font-size="11">{escape(s)}</text>')
    every = max(1, len(periods) // 12)
    for j, p in enumerate(periods):
        if j % every == 0:
            out.append(f'<text x="{label_w + j * cell}" y="14" font-size="10">{escape(p)}</text>')
    for r in frame.iter_rows(named=True):
        if not r["n"]:
            continue
        xx, yy = label_w + col[r["period"]] * cell, 24 + row[r["issue"]] * cell
        out.append(f'<rect x="{xx}" y="{yy}" width="{cell - 1}" height="{cell - 1}" '
                   f'fill="{_colour(float(r["score"]), bound)}"><title>{escape(r["issue"])} {escape(r["period"])}: '
                   f'{float(r["score"]):+.1f} (n={float(r["n"]):.1f})</title></rect>')
    out.append("</svg>")
    return "\n".join(out)
