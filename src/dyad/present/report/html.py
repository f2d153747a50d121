"""The report as ONE self-contained HTML page: inline CSS and SVG, no scripts, no external resources.

Every string that comes from an article, the store or a pack is escaped with `html.escape`; links are emitted only
for http(s) URLs of the articles and chronology sources themselves.
"""

from __future__ import annotations

from collections import Counter
from html import escape

from dyad.measure.timeline import TimelineEntry
from dyad.present.report.data import Quote, ReportData
from dyad.present.report.svg import KIND_FILL, heatmap, index_chart

CSS = """
body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:0 auto;max-width:1080px;padding:0 18px;color:#222}
h1{font-size:1.6em;margin:.8em 0 .2em} h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
.meta{color:#666} table{border-collapse:collapse;width:100%;font-size:.92em} td,th{border-bottom:1px solid #eee;
padding:4px 6px;text-align:left;vertical-align:top} .kind{padding:1px 6px;border-radius:3px}
.sides{display:grid;grid-template-columns:1fr 1fr;gap:20px} blockquote{margin:.3em 0 .3em .6em;padding-left:.6em;
border-left:3px solid #ccd;color:#333} .entry{margin:.6em 0 .9em} .entry .head{font-weight:600}
.neg{color:#a33} .pos{color:#265} .small{font-size:.85em;color:#555} .legend span{margin-right:14px}
.swatch{display:inline-block;width:12px;height:12px;vertical-align:middle;margin-right:4px;border:1px solid #aaa}
"""


def safe_url(url: object) -> str | None:
    """The URL if it is a plain http(s) link, else None (javascript:, data:, relative paths are never linked)."""
    if not isinstance(url, str):
        return None
    u = url.strip()
    return u if u.lower().startswith(("https://", "http://")) and not any(c in u for c in "\"'<> \n") else None


def link(url: object, text: str) -> str:
    u = safe_url(url)
    return f'<a href="{escape(u, quote=True)}">{escape(text)}</a>' if u else escape(text)


def _kind(kind: str) -> str:
    return f'<span class="kind" style="background:{KIND_FILL.get(kind, "#eee")}">{escape(kind)}</span>'


def _member_links(entry: TimelineEntry, data: ReportData) -> str:
    out = []
    for m in entry.members:
        if m.article.startswith("chronology:"):
            out.append(link(data.chronology_urls.get(m.sentence), "reference chronology"))
        else:
            art = data.articles.get(m.article, {})
            label = str(art.get("title") or art.get("outlet") or m.article)
            out.append(link(art.get("url"), label))
    return ", ".join(dict.fromkeys(out))


def _entry_html(e: TimelineEntry, data: ReportData) -> str:
    cls = "neg" if e.intensity < 0 else "pos"
    dates = "" if len(e.dates) < 2 else f' <span class="small">(reported as {escape(", ".join(e.dates))})</span>'
    quotes = "".join(f"<blockquote>{escape(s)}</blockquote>" for s in e.evidence)
    return (f'<div class="entry"><div class="head">{escape(e.date or "undated")}{dates} · '
            f'{escape(data.side_label(e.source))} → {escape(data.side_label(e.target))} · {escape(e.event_type)} '
            f'<span class="{cls}">{e.intensity:+.1f}</span> <span class="small">{escape(", ".join(e.issues))} · '
            f'{e.n_articles} source(s)</span></div>{quotes}<div class="small">{_member_links(e, data)}</div></div>')


def _quotes(quotes: list[Quote]) -> str:
    if not quotes:
        return '<p class="small">No perceptions recorded.</p>'
    return "".join(f'<blockquote><span class="small">{escape(q.stance)}{" · " + escape(q.frame) if q.frame else ""}'
                   f"</span><br>{escape(q.sentence)} <span class=\"small\">— {link(q.url, q.source_label)}"
                   "</span></blockquote>" for q in quotes)


def render_html(data: ReportData) -> str:
    a, b = data.sides
    title = f"{a.name} – {b.name}: the relationship in evidence"
    n_articles = len(data.articles)
    span = f"{data.series['period'][0]} – {data.series['period'][-1]}"
    parts = [f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{escape(title)}</title>"
             f"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><style>{CSS}</style></head><body>",
             f"<h1>{escape(title)}</h1>",
             f'<p class="meta">{data.n_entries_total} timeline entries from {n_articles} article(s)'
             f'{" and the reference chronology" if data.with_chronology else ""}, {escape(span)}. '
             f"Generated {escape(data.generated)}.</p>"]
    if data.polls:
        p = data.polls[0]
        parts.append(f'<p class="meta">Yearly level vs opinion polls ({escape(p.series)}): Pearson r = '
                     f"{p.pearson:.2f}, Spearman ρ = {p.spearman:.2f}, n = {p.n} years.</p>")
    parts.append("<h2>Relationship level</h2>")
    parts.append(f'<p class="small">Bounded level (−9 … +9) of a decaying stock of Goldstein-weighted events per '
                 f"{escape(data.freq)}; dotted lines: each direction. Shaded: episodes found by change-point "
                 "detection; dashed verticals: turning points.</p>")
    parts.append('<p class="legend small">' + "".join(
        f'<span><i class="swatch" style="background:{KIND_FILL[k]}"></i>{k}</span>' for k in ("tension", "reset"))
        + "</p>")
    parts.append(index_chart(data.series, data.episodes, data.turning, directions=data.direction_series))
    parts.append("<h2>Episodes</h2><table><tr><th>kind</th><th>from</th><th>to</th><th>mean level</th>"
                 "<th>triggering events</th></tr>")
    for ep in data.episodes:
        trig = "".join(f"<div>{escape(t.date or '')} {escape(data.side_label(t.source))} → "
                       f"{escape(data.side_label(t.target))} {escape(t.event_type)}: "
                       f"{escape(t.evidence[0] if t.evidence else '')}</div>" for t in ep.triggers)
        parts.append(f"<tr><td>{_kind(ep.kind)}</td><td>{escape(ep.start_period)}</td>"
                     f"<td>{escape(ep.end_period)}</td><td>{ep.mean_level:+.1f}</td><td>{trig}</td></tr>")
    parts.append("</table>")
    parts.append("<h2>Issues over time</h2><p class=\"small\">Mean intensity per issue domain and year "
                 "(red: conflict, blue: cooperation; blank: no events).</p>")
    parts.append(heatmap(data.heat))
    parts.append("<h2>Perceptions</h2><div class=\"sides\">")
    for holder, other in ((a, b), (b, a)):
        counts = Counter(data.stance_counts.get(holder.code, {}))
        summary = ", ".join(f"{escape(k)} {v}" for k, v in counts.most_common()) or "none"
        parts.append(f"<div><h3>How {escape(holder.capital)} sees {escape(other.capital)}</h3>"
                     f'<p class="small">Stances: {summary}</p>{_quotes(data.perceptions.get(holder.code, []))}</div>')
    parts.append("</div>")
    shown = len(data.entries)
    parts.append(f"<h2>Timeline</h2><p class=\"small\">{shown} of {data.n_entries_total} entries"
                 f"{'' if shown == data.n_entries_total else ' (those with most sources and largest intensity)'}."
                 "</p>")
    parts.extend(_entry_html(e, data) for e in data.entries)
    parts.append("<h2>Sources</h2><h3>Articles</h3><ul>")
    for art in data.articles.values():
        label = str(art.get("title") or art["id"])
        meta = " · ".join(str(x) for x in (art.get("outlet"), art.get("published")) if x)
        parts.append(f"<li>{link(art.get('url'), label)} <span class=\"small\">{escape(meta)}</span></li>")
    parts.append("</ul>")
    if data.chronology_urls:
        parts.append("<h3>Reference chronology sources</h3><ul>")
        for url in sorted(set(data.chronology_urls.values())):
            parts.append(f"<li>{link(url, url)}</li>")
        parts.append("</ul>")
    parts.append('<p class="small">Formulas and rules: docs/measure.md in the dyad repository.</p></body></html>')
    return "\n".join(parts)
