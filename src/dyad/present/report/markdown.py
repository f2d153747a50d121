"""The report as Markdown: the same sections as the HTML page, the chart as a yearly table.

Text from articles is escaped (`<`, `>`, `&`) so raw HTML never passes through a Markdown renderer.
"""

from __future__ import annotations

from html import escape

import polars as pl

from dyad.present.report.data import ReportData
from dyad.present.report.html import safe_url


def _t(text: object) -> str:
    return escape(str(text), quote=False).replace("|", "\\|").replace("\n", " ")


def _link(url: object, text: str) -> str:
    u = safe_url(url)
    return f"[{_t(text)}](<{u}>)" if u else _t(text)


def render_markdown(data: ReportData) -> str:
    a, b = data.sides
    lines = [f"# {_t(a.name)} – {_t(b.name)}: the relationship in evidence", "",
             f"{data.n_entries_total} timeline entries from {len(data.articles)} article(s)"
             f"{' and the reference chronology' if data.with_chronology else ''}. Generated {data.generated}.", ""]
    if data.polls:
        p = data.polls[0]
        lines += [f"Yearly level vs opinion polls ({_t(p.series)}): Pearson r = {p.pearson:.2f}, "
                  f"Spearman ρ = {p.spearman:.2f}, n = {p.n} years.", ""]
    lines += ["## Relationship level (yearly mean of the −9 … +9 level)", "", "| year | level |", "|---|---|"]
    yearly = (data.series.with_columns(pl.col("period_start").dt.year().alias("year"))
              .group_by("year").agg(pl.col("level").mean()).sort("year"))
    lines += [f"| {y} | {v:+.1f} |" for y, v in yearly.iter_rows()]
    lines += ["", "## Episodes", "", "| kind | from | to | mean level | triggers |", "|---|---|---|---|---|"]
    for ep in data.episodes:
        trig = "; ".join(f"{t.date} {t.source}→{t.target} {t.event_type}: {(t.evidence or [''])[0]}"
                         for t in ep.triggers)
        lines.append(f"| {ep.kind} | {ep.start_period} | {ep.end_period} | {ep.mean_level:+.1f} | {_t(trig)} |")
    lines += ["", "## Turning points", ""]
    lines += [f"- {tp.period}: {tp.before:+.1f} → {tp.after:+.1f}" for tp in data.turning] or ["- none"]
    lines += ["", "## Perceptions", ""]
    for holder, other in ((a, b), (b, a)):
        lines += [f"### How {_t(holder.capital)} sees {_t(other.capital)}", ""]
        quotes = data.perceptions.get(holder.code, [])
        lines += [f"> {_t(q.stance)}: {_t(q.sentence)} — {_link(q.url, q.source_label)}\n" for q in quotes]
        if not quotes:
            lines += ["No perceptions recorded.", ""]
    lines += ["## Timeline", ""]
    for e in data.entries:
        lines.append(f"- **{_t(e.date or 'undated')}** {_t(data.side_label(e.source))} → "
                     f"{_t(data.side_label(e.target))} {e.event_type} ({e.intensity:+.1f}; {_t(', '.join(e.issues))}; "
                     f"{e.n_articles} source(s))")
        for s in e.evidence:
            lines.append(f"  > {_t(s)}")
        for m in e.members:
            if m.article.startswith("chronology:"):
                url = data.chronology_urls.get(m.sentence)
                lines.append(f"  - {_link(url, 'reference chronology')}")
            else:
                art = data.articles.get(m.article, {})
                lines.append(f"  - {_link(art.get('url'), str(art.get('title') or m.article))}")
    lines += ["", "## Sources", ""]
    for art in data.articles.values():
        lines.append(f"- {_link(art.get('url'), str(art.get('title') or art['id']))} {_t(art.get('outlet') or '')}")
    for url in sorted(set(data.chronology_urls.values())):
        lines.append(f"- {_link(url, url)}")
    return "\n".join(lines) + "\n"
