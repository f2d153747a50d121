"""Reading back what ingest stored: the library behind `dyad articles` and `dyad show`."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
from collections.abc import Iterator
from typing import Any

from dyad.store import Store

LIST_FIELDS = ("id", "title", "published", "language", "n_chars", "url", "outlet", "source")


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value


def list_articles(db: str | os.PathLike[str], *, with_text: bool = False) -> Iterator[dict[str, Any]]:
    """Stored articles in ingest order, streamed: id, title, published, language, n_chars, url, outlet, source
    (and text with `with_text`). Dates as ISO strings."""
    with Store(db, read_only=True) as store:
        for row in store.iter_articles(with_text=with_text):
            out = {k: _jsonable(row.get(k)) for k in LIST_FIELDS}
            if with_text:
                out["text"] = row.get("text")
            yield out


def show_article(db: str | os.PathLike[str], article_id: str) -> dict[str, Any]:
    """One stored article by id or unique id prefix: metadata, clean text, raw input and removed lines.

    Raises StoreError E403 when no article (or more than one) matches.
    """
    with Store(db, read_only=True) as store:
        row = store.article(article_id)
        sentences = store.query("SELECT count(*) AS n FROM sentences WHERE article_id = ?", [row["id"]])
        near = store.query("SELECT id, source, similarity FROM near_duplicates WHERE duplicate_of = ? ORDER BY id",
                           [row["id"]])
    out = {k: _jsonable(v) for k, v in row.items()}
    for key in ("removed", "metadata"):
        if isinstance(out.get(key), str):
            with contextlib.suppress(json.JSONDecodeError):
                out[key] = json.loads(out[key])
    out["n_sentences"] = sentences[0]["n"] if sentences else 0
    out["near_duplicates"] = near
    return out
