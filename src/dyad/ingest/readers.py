"""Readers: one input (bytes + format) -> a lazy stream of RawDocs (or Failures for the bad records in it).

Formats: plain text and Markdown (optional YAML front matter), HTML (trafilatura), JSON Lines / JSON arrays and
CSV exports (column mapping), WARC (warcio; HTML responses only) and RSS/Atom feed files (feedparser).
One input may give many documents; their `source` is `path#N` for the N-th record (1-based).
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import re
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import yaml

from dyad.errors import ErrorCode, IngestError
from dyad.ingest.sources import InputRef, check_binary, decode, load_bytes, sniff_format
from dyad.records import Failure


@dataclass(frozen=True, slots=True)
class RawDoc:
    """A document as read, before cleaning: `text` is the extracted body, `raw` the record as it came."""

    source: str
    source_format: str
    raw: str
    text: str
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    url: str | None = None
    date_text: str | None = None  # a date as the source states it (parsed later, strictly)
    published: dt.date | None = None  # a date the source gives as structured data (feeds)
    metadata: dict[str, Any] = field(default_factory=dict)


DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "text": ("text", "content", "body", "article", "maintext"),
    "title": ("title", "headline"),
    "date": ("date", "published", "publication_date", "pubdate", "date_publish"),
    "url": ("url", "link"),
    "outlet": ("outlet", "source", "site", "sitename", "publisher"),
    "author": ("author", "authors", "byline"),
}


@dataclass(frozen=True, slots=True)
class ColumnMap:
    """Which columns of a JSONL/CSV export hold what. None: the first of `DEFAULT_COLUMNS` present."""

    text: str | None = None
    title: str | None = None
    date: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None

    def pick(self, role: str, record: Mapping[str, Any]) -> Any:
        chosen: str | None = getattr(self, role)
        if chosen is not None:
            return record.get(chosen)
        lowered = {str(k).lower(): k for k in record}
        for name in DEFAULT_COLUMNS[role]:
            if name in lowered:
                return record[lowered[name]]
        return None


def _fail(where: str, code: ErrorCode, **fields: object) -> Failure:
    err = IngestError(code, where=where, **fields)
    return Failure(where, code.value, err.reason)


def _str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        value = ", ".join(str(v) for v in value if v)
    text = str(value).strip()
    return text or None


def read_input(ref: InputRef, *, max_bytes: int, columns: ColumnMap | None = None) -> Iterator[RawDoc | Failure]:
    """Every document in one input, lazily; bad inputs/records come out as Failures, never exceptions."""
    try:
        data = load_bytes(ref, max_bytes)
        check_binary(ref.name, data)
        fmt = sniff_format(ref.name, data)
        if fmt == "warc":
            yield from read_warc(ref.name, data)
            return
        text = decode(ref.name, data)
    except IngestError as exc:
        yield Failure(ref.name, exc.code.value, exc.reason)
        return
    if "\x00" in text:
        yield _fail(ref.name, ErrorCode.E103, detail="NUL characters after decoding")
        return
    cols = columns or ColumnMap()
    if fmt in ("txt", "md"):
        yield read_text(ref.name, text, markdown=fmt == "md")
    elif fmt == "html":
        yield read_html(ref.name, text)
    elif fmt == "jsonl":
        yield from read_jsonl(ref.name, text, cols)
    elif fmt == "json":
        yield from read_json(ref.name, text, cols)
    elif fmt == "csv":
        yield from read_csv(ref.name, text, cols)
    elif fmt == "feed":
        yield from read_feed(ref.name, text)
    else:  # pragma: no cover - sniff_format returns only the formats above
        yield _fail(ref.name, ErrorCode.E103, detail=f"unknown format {fmt}")


# -- plain text and Markdown ---------------------------------------------------------------------------------------

_YAML_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
FRONT_KEYS = {"title": "title", "headline": "title", "date": "date", "published": "date", "url": "url",
              "link": "url", "outlet": "outlet", "issuer": "outlet", "source": "outlet", "publisher": "outlet",
              "author": "author", "authors": "author"}


def split_front_matter(where: str, text: str) -> tuple[dict[str, Any], str]:
    """YAML front matter (between `---` lines at the very start) and the body. IngestError E109 if it is bad."""
    m = FRONT_MATTER.match(text)
    if not m:
        return {}, text
    try:
        meta = yaml.load(m.group(1), Loader=_YAML_LOADER)  # a safe loader (libyaml's when built)
    except yaml.YAMLError as exc:
        raise IngestError(ErrorCode.E109, where=where,
                          detail=f"front matter is not valid YAML ({str(exc).splitlines()[0]})") from exc
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise IngestError(ErrorCode.E109, where=where, detail="front matter is not a mapping")
    return meta, text[m.end():]


_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_EMPH = re.compile(r"(\*\*|__|\*|_)(?=\S)([^*_\n]+?)(?<=\S)\1")
_MD_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
_MD_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
_MD_QUOTE = re.compile(r"^>\s?")
_MD_LIST = re.compile(r"^(\s*)([-*+]|\d+[.)])\s+")


def markdown_to_text(body: str) -> tuple[str, str | None]:
    """Plain text of a Markdown body, and the first-level heading at its top (a title) if there is one."""
    title = None
    out: list[str] = []
    for line in body.splitlines():
        if _MD_RULE.match(line):
            out.append("")
            continue
        line = _MD_QUOTE.sub("", line)
        h = _MD_HEADING.match(line)
        if h:
            if title is None and line.startswith("# ") and not any(x.strip() for x in out):
                title = h.group(1).strip()
                continue
            line = h.group(1)
        line = _MD_LIST.sub(r"\1", line)
        if "[" in line:
            line = _MD_LINK.sub(r"\1", _MD_IMAGE.sub("", line))
        if "*" in line or "_" in line:
            line = _MD_EMPH.sub(r"\2", line)
        out.append(line)
    return "\n".join(out), title


def read_text(where: str, text: str, *, markdown: bool) -> RawDoc | Failure:
    try:
        meta, body = split_front_matter(where, text)
    except IngestError as exc:
        return Failure(where, exc.code.value, exc.reason)
    title = None
    if markdown:
        body, title = markdown_to_text(body)
    fields: dict[str, Any] = {}
    extra: dict[str, Any] = {}
    for key, value in meta.items():
        role = FRONT_KEYS.get(str(key).lower())
        if role and role not in fields:
            fields[role] = value
        else:
            extra[str(key)] = value if isinstance(value, str | int | float | bool) or value is None else str(value)
    date_value = fields.get("date")
    published = None
    date_text = None
    if isinstance(date_value, dt.datetime):
        published = date_value.date()
    elif isinstance(date_value, dt.date):
        published = date_value
    elif date_value is not None:
        date_text = str(date_value)
    return RawDoc(
        source=where, source_format="md" if markdown else "txt", raw=text, text=body,
        title=_str(fields.get("title")) or title, author=_str(fields.get("author")),
        outlet=_str(fields.get("outlet")), url=_str(fields.get("url")), date_text=date_text, published=published,
        metadata={"front_matter": extra} if extra else {},
    )


# -- HTML --------------------------------------------------------------------------------------------------------

_OPEN_DOC = re.compile(r"<(html|body)[\s>]", re.I)
_CLOSE_DOC = re.compile(r"</(html|body)\s*>", re.I)


MIN_HTML_WORDS = 8  # fewer words of main text than this: a navigation page or stub, not an article


def html_is_truncated(html: str) -> bool:
    """A page that opens <html> or <body> but closes neither was cut off (download or disk trouble)."""
    return bool(_OPEN_DOC.search(html)) and not _CLOSE_DOC.search(html)


def extract_html(html: str, url: str | None = None) -> dict[str, Any] | None:
    """trafilatura's main text and metadata of a page (no date guessing from the body text)."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None:
        return None
    result: dict[str, Any] = doc if isinstance(doc, dict) else doc.as_dict()
    return result


def read_html(where: str, html: str, *, url: str | None = None, source_format: str = "html") -> RawDoc | Failure:
    if html_is_truncated(html):
        return _fail(where, ErrorCode.E106, detail="HTML ends before </body> or </html> (truncated page)")
    try:
        doc = extract_html(html, url)
    except Exception as exc:  # trafilatura/lxml raise many kinds on broken markup
        return _fail(where, ErrorCode.E106, detail=f"HTML could not be parsed ({type(exc).__name__})")
    text = (doc or {}).get("text") or ""
    if not doc or not text.strip():
        return _fail(where, ErrorCode.E107, detail="no main text in the HTML page")
    if len(text.split()) < MIN_HTML_WORDS:
        return _fail(where, ErrorCode.E107,
                     detail=f"no main text in the HTML page (only {len(text.split())} words: navigation or a stub)")
    return RawDoc(
        source=where, source_format=source_format, raw=html, text=text, title=_str(doc.get("title")),
        author=_str(doc.get("author")), outlet=_str(doc.get("sitename")), url=_str(doc.get("url")) or url,
        date_text=_str(doc.get("date")),
        metadata={k: doc[k] for k in ("description", "hostname") if doc.get(k)},
    )


def html_fragment_to_text(fragment: str) -> str:
    """Text of an HTML fragment (a feed entry's content): block elements become line breaks."""
    import lxml.html  # type: ignore[import-untyped]

    if "<" not in fragment:
        return fragment
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:
        return re.sub(r"<[^>]+>", " ", fragment)
    for el in root.iter("script", "style"):
        el.drop_tree()
    for el in root.iter("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr",
                        "figcaption"):
        el.tail = "\n" + (el.tail or "")
        if el.tag != "br":
            el.text = "\n" + (el.text or "")
    text: str = root.text_content()
    return text


# -- JSON Lines, JSON and CSV -------------------------------------------------------------------------------------

def _record_doc(where: str, record: Mapping[str, Any], raw: str, fmt: str, cols: ColumnMap) -> RawDoc | Failure:
    text = cols.pick("text", record)
    if not isinstance(text, str) or not text.strip():
        wanted = cols.text or "|".join(DEFAULT_COLUMNS["text"])
        return _fail(where, ErrorCode.E108, detail=f"no text in column {wanted}")
    date_value = cols.pick("date", record)
    known = {"text", "title", "date", "url", "outlet", "author"}
    chosen = {getattr(cols, r) for r in known} | {n for r in known for n in DEFAULT_COLUMNS[r]}
    extra = {str(k): v for k, v in record.items() if str(k).lower() not in chosen and str(k) not in chosen}
    return RawDoc(
        source=where, source_format=fmt, raw=raw, text=text, title=_str(cols.pick("title", record)),
        author=_str(cols.pick("author", record)), outlet=_str(cols.pick("outlet", record)),
        url=_str(cols.pick("url", record)), date_text=_str(date_value),
        metadata={"record": extra} if extra else {},
    )


def read_jsonl(where: str, text: str, cols: ColumnMap) -> Iterator[RawDoc | Failure]:
    n = 0
    for line in text.splitlines():
        if not line.strip():
            continue
        n += 1
        rec_where = f"{where}#{n}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield _fail(rec_where, ErrorCode.E108, detail=f"not valid JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(record, dict):
            yield _fail(rec_where, ErrorCode.E108, detail="a JSON line that is not an object")
            continue
        yield _record_doc(rec_where, record, line, "jsonl", cols)


def read_json(where: str, text: str, cols: ColumnMap) -> Iterator[RawDoc | Failure]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        # maybe JSON Lines with a .json name
        yield from read_jsonl(where, text, cols)
        return
    records = data if isinstance(data, list) else [data]
    for n, record in enumerate(records, 1):
        rec_where = f"{where}#{n}"
        if not isinstance(record, dict):
            yield _fail(rec_where, ErrorCode.E108, detail="a JSON record that is not an object")
            continue
        yield _record_doc(rec_where, record, json.dumps(record, ensure_ascii=False), "jsonl", cols)


def read_csv(where: str, text: str, cols: ColumnMap) -> Iterator[RawDoc | Failure]:
    if where.lower().endswith(".tsv"):
        delimiter = "\t"
    else:
        try:
            delimiter = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|").delimiter
        except csv.Error:
            delimiter = ","
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = reader.fieldnames
    except csv.Error as exc:
        yield _fail(where, ErrorCode.E106, detail=f"bad CSV header ({exc})")
        return
    if not header:
        yield _fail(where, ErrorCode.E102)
        return
    probe = {h: "" for h in header if h is not None}
    if cols.text is not None and cols.text not in probe:
        yield _fail(where, ErrorCode.E108, detail=f"no column {cols.text!r} (columns: {', '.join(probe)})")
        return
    if cols.text is None and not any(h.lower() in DEFAULT_COLUMNS["text"] for h in probe):
        yield _fail(where, ErrorCode.E108, detail=f"no text column (looked for {'|'.join(DEFAULT_COLUMNS['text'])}; "
                                                  f"columns: {', '.join(probe)}; use --text-column)")
        return
    n = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            yield _fail(f"{where}#{n + 1}", ErrorCode.E106, detail=f"malformed CSV from record {n + 1} on ({exc})")
            return
        n += 1
        if None in row:  # more fields than the header has
            row.pop(None)  # type: ignore[call-overload]
        raw = json.dumps(row, ensure_ascii=False)
        yield _record_doc(f"{where}#{n}", row, raw, "csv", cols)


# -- WARC ---------------------------------------------------------------------------------------------------------

def read_warc(where: str, data: bytes) -> Iterator[RawDoc | Failure]:
    """HTML response records of a WARC file; other records are skipped. A truncated file keeps what came before."""
    from warcio.archiveiterator import ArchiveIterator

    n = 0
    damaged: str | None = None
    if data.startswith(b"\x1f\x8b"):
        try:
            gzip.decompress(data)
        except (EOFError, OSError, zlib.error) as exc:
            damaged = f"compressed stream ends early ({exc})"
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type != "response":
                continue
            n += 1
            rec_where = f"{where}#{n}"
            http = record.http_headers
            ctype = (http.get_header("Content-Type") if http else None) or ""
            if "html" not in ctype.lower():
                continue
            payload = record.content_stream().read()
            missing = getattr(record.raw_stream, "limit", 0)
            if missing:
                yield _fail(rec_where, ErrorCode.E106,
                            detail=f"truncated WARC: record {n} is {missing} bytes short; "
                                   f"the {n - 1} records before it were read")
                return
            uri = record.rec_headers.get_header("WARC-Target-URI")
            charset = _charset(ctype)
            try:
                html = payload.decode(charset or "utf-8")
            except (UnicodeDecodeError, LookupError):
                try:
                    html = decode(rec_where, payload)
                except IngestError as exc:
                    yield Failure(rec_where, exc.code.value, exc.reason)
                    continue
            doc = read_html(rec_where, html, url=uri, source_format="warc")
            if isinstance(doc, RawDoc):
                # when the page was fetched: kept, never used as the publication date
                doc.metadata["crawled"] = record.rec_headers.get_header("WARC-Date")
                if not doc.url:
                    doc = _with(doc, url=uri)
            yield doc
    except Exception as exc:  # warcio raises ArchiveLoadFailed, EOFError, zlib errors on damaged files
        first = str(exc).splitlines()[0] if str(exc) else ""
        damaged = f"{type(exc).__name__}: {first}"
    if damaged:
        yield _fail(f"{where}#{n + 1}", ErrorCode.E106,
                    detail=f"truncated or malformed WARC after {n} response records ({damaged})")


def _charset(content_type: str) -> str | None:
    m = re.search(r"charset=([\w-]+)", content_type, re.I)
    return m.group(1) if m else None


def _with(doc: RawDoc, **changes: Any) -> RawDoc:
    from dataclasses import replace

    return replace(doc, **changes)


def _rfc822_date(text: str | None) -> dt.date | None:
    if not text or not re.match(r"^\s*([A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}", text):
        return None
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError):
        return None


# -- RSS / Atom ---------------------------------------------------------------------------------------------------

def read_feed(where: str, text: str) -> Iterator[RawDoc | Failure]:
    import xml.sax

    import feedparser

    parsed = feedparser.parse(text)
    feed_title = _str(parsed.feed.get("title")) if parsed.get("feed") else None
    entries = parsed.get("entries") or []
    broken = parsed.get("bozo") and isinstance(parsed.get("bozo_exception"), xml.sax.SAXException)
    if not entries:
        detail = "no entries in the feed" + (f" ({parsed.bozo_exception})" if broken else "")
        yield _fail(where, ErrorCode.E106 if broken else ErrorCode.E107, detail=detail)
        return
    for n, entry in enumerate(entries, 1):
        rec_where = f"{where}#{n}"
        html = ""
        if entry.get("content"):
            html = entry["content"][0].get("value") or ""
        if not html.strip():
            html = entry.get("summary") or entry.get("description") or ""
        body = html_fragment_to_text(html)
        if not body.strip():
            yield _fail(rec_where, ErrorCode.E107, detail="feed entry without content or summary")
            continue
        # the date as the feed wrote it (its own time zone); feedparser's parsed form is in UTC
        date_text = _str(entry.get("published") or entry.get("updated") or entry.get("created"))
        published = _rfc822_date(date_text)
        if published is None and date_text is None:
            for key in ("published_parsed", "updated_parsed", "created_parsed"):
                st = entry.get(key)
                if st:
                    published = dt.date(st.tm_year, st.tm_mon, st.tm_mday)
                    break
        yield RawDoc(
            source=rec_where, source_format="feed", raw=html, text=body, title=_str(entry.get("title")),
            author=_str(entry.get("author")), outlet=feed_title, url=_str(entry.get("link")),
            date_text=None if published else date_text,
            published=published,
        )
    if broken:
        yield _fail(f"{where}#{len(entries) + 1}", ErrorCode.E106,
                    detail=f"feed XML is malformed after entry {len(entries)} ({parsed.bozo_exception})")
