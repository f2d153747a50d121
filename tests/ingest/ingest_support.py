"""Helpers for ingest tests: the fixture folder, a WARC builder, and a helper reading one file."""

from __future__ import annotations

import io
from pathlib import Path

from dyad.ingest.readers import RawDoc, read_input
from dyad.ingest.sources import InputRef
from dyad.records import Failure

FIXTURES = Path(__file__).parent / "fixtures"


def read_all(path: Path | str, **kw: object) -> tuple[list[RawDoc], list[Failure]]:
    docs: list[RawDoc] = []
    fails: list[Failure] = []
    for d in read_input(InputRef(str(path), path=str(path)), max_bytes=int(kw.pop("max_bytes", 10**7)),  # type: ignore[call-overload]
                        **kw):  # type: ignore[arg-type]
        (docs if isinstance(d, RawDoc) else fails).append(d)  # type: ignore[arg-type]
    return docs, fails


def make_warc(records: list[tuple[str, str, bytes]], *, gz: bool = False) -> bytes:
    """A WARC file of response records (uri, content type, body), plus a leading warcinfo record."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "dyad tests"}))
    for uri, ctype, body in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                      http_headers=headers))
    return buf.getvalue()
