"""dyad reports: one self-contained HTML page (inline SVG, no external resources) or Markdown."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from dyad.errors import ErrorCode, MeasureError
from dyad.present.report.data import ReportData, gather
from dyad.present.report.html import render_html
from dyad.present.report.markdown import render_markdown

ReportFormat = Literal["html", "md"]


def write_report(store: Any, out: str | os.PathLike[str], *, pack: Any = "jpn_kor", with_chronology: bool = False,
                 fmt: ReportFormat = "html", freq: Literal["month", "quarter", "year"] = "quarter") -> Path:
    """Write the report for the store's events (and the pack's chronology if asked) to `out`; return the path.

    `store` may be None with `with_chronology=True` (the chronology alone).
    """
    data = gather(store, pack=pack, with_chronology=with_chronology, freq=freq)
    text = render_html(data) if fmt == "html" else render_markdown(data)
    path = Path(out)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    except OSError as exc:
        raise MeasureError(ErrorCode.E502, where=str(path), detail=str(exc)) from exc
    return path


__all__ = ["ReportData", "gather", "render_html", "render_markdown", "write_report"]
