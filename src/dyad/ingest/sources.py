"""Where inputs come from: expanding paths, directories, globs and `-` into a stream of inputs, loading their
bytes under a size limit, refusing binaries, decoding text and detecting the format.

Directories are walked with `os.scandir`, one directory at a time (its entries sorted for a stable order), so a
folder of many thousands of files is streamed, never listed whole into memory.
"""

from __future__ import annotations

import glob
import gzip
import io
import os
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

from dyad.errors import ErrorCode, IngestError
from dyad.records import Failure

STDIN = "-"
STDIN_NAME = "<stdin>"

# File names a directory walk leaves out: documentation of a corpus, not articles. Named explicitly, they are read.
SKIPPED_NAMES = ("sources.md", "readme", "readme.md", "readme.txt", "license", "license.md", "license.txt")

EXTENSIONS: dict[str, str] = {
    ".txt": "txt", ".text": "txt",
    ".md": "md", ".markdown": "md",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".csv": "csv", ".tsv": "csv",
    ".warc": "warc", ".warc.gz": "warc", ".arc": "warc", ".arc.gz": "warc",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
}

# Magic numbers of common binary formats (checked before decoding). gzip is allowed only for WARC.
MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF document"), (b"\x89PNG", "PNG image"), (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"), (b"PK\x03\x04", "ZIP archive (or DOCX/XLSX)"), (b"\x1f\x8b", "gzip data"),
    (b"\xd0\xcf\x11\xe0", "MS Office document"), (b"\x7fELF", "executable"), (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ", "xz data"), (b"RIFF", "RIFF media"), (b"OggS", "Ogg media"), (b"ID3", "MP3 audio"),
)


@dataclass(frozen=True, slots=True)
class InputRef:
    """One input to read: a file path, or bytes already read (stdin). `name` is how messages refer to it."""

    name: str
    path: str | None = None
    data: bytes | None = None


def _is_glob(text: str) -> bool:
    return any(ch in text for ch in "*?[")


def walk(directory: str) -> Iterator[str]:
    """Files under `directory`, depth first, one directory's entries in memory at a time."""
    try:
        with os.scandir(directory) as it:
            entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=True):
                yield from walk(entry.path)
            elif entry.is_file(follow_symlinks=True) and entry.name.lower() not in SKIPPED_NAMES:
                yield entry.path
        except OSError:
            yield entry.path  # let the reader report why it cannot be read


def expand_inputs(inputs: Iterable[str], *, max_bytes: int | None = None) -> Iterator[InputRef | Failure]:
    """Turn command-line inputs into a lazy stream of InputRefs, or Failures for names that match nothing.

    Standard input ("-") is read here, at most `max_bytes` + 1 bytes (so an oversized stream fails with E105).
    """
    for item in inputs:
        if item == STDIN:
            yield InputRef(STDIN_NAME, data=_read_stdin(max_bytes))
        elif os.path.isdir(item):
            for path in walk(item):
                yield InputRef(path, path=path)
        elif os.path.lexists(item):
            yield InputRef(item, path=item)
        elif _is_glob(item):
            matched = False
            for path in glob.iglob(item, recursive=True):
                matched = True
                if os.path.isdir(path):
                    for sub in walk(path):
                        yield InputRef(sub, path=sub)
                else:
                    yield InputRef(path, path=path)
            if not matched:
                yield _failure(item, ErrorCode.E101, detail="no file matches this pattern")
        else:
            yield _failure(item, ErrorCode.E101, detail="no such file or directory")


def _read_stdin(max_bytes: int | None) -> bytes:
    stream: BinaryIO = sys.stdin.buffer
    return stream.read() if max_bytes is None else stream.read(max_bytes + 1)


def _failure(where: str, code: ErrorCode, **fields: object) -> Failure:
    err = IngestError(code, where=where, **fields)
    return Failure(where, code.value, err.reason)


def load_bytes(ref: InputRef, max_bytes: int) -> bytes:
    """The input's bytes; IngestError for a missing/unreadable path, an empty input or one over `max_bytes`."""
    if ref.data is not None:
        data = ref.data
        if len(data) > max_bytes:
            size = f"more than {max_bytes}" if len(data) == max_bytes + 1 else len(data)
            raise IngestError(ErrorCode.E105, where=ref.name, size=size, limit=max_bytes)
    else:
        assert ref.path is not None
        try:
            size = os.stat(ref.path).st_size
            if size > max_bytes:
                raise IngestError(ErrorCode.E105, where=ref.name, size=size, limit=max_bytes)
            with open(ref.path, "rb") as fh:
                data = fh.read(max_bytes + 1)
        except PermissionError as exc:
            raise IngestError(ErrorCode.E101, where=ref.name, detail="permission denied") from exc
        except IsADirectoryError as exc:
            raise IngestError(ErrorCode.E101, where=ref.name, detail="is a directory") from exc
        except FileNotFoundError as exc:
            raise IngestError(ErrorCode.E101, where=ref.name, detail="no such file or directory") from exc
        except OSError as exc:
            raise IngestError(ErrorCode.E101, where=ref.name, detail=exc.strerror or str(exc)) from exc
        if len(data) > max_bytes:  # grew while we read it
            raise IngestError(ErrorCode.E105, where=ref.name, size=len(data), limit=max_bytes)
    if not data.strip():
        raise IngestError(ErrorCode.E102, where=ref.name)
    return data


def extension_format(name: str) -> str | None:
    lower = name.lower()
    for ext in sorted(EXTENSIONS, key=len, reverse=True):
        if lower.endswith(ext):
            return EXTENSIONS[ext]
    return None


def _gunzip_head(data: bytes, n: int = 64) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            return fh.read(n)
    except (OSError, EOFError):
        return b""


def check_binary(name: str, data: bytes) -> None:
    """IngestError E103 for data that is not text (magic numbers, NUL bytes); gzip passes only for WARC."""
    head = data[:8192]
    for magic, what in MAGIC:
        if head.startswith(magic):
            if magic == b"\x1f\x8b" and _gunzip_head(data).startswith((b"WARC/", b"filedesc:")):
                return
            raise IngestError(ErrorCode.E103, where=name, detail=what)
    if head.startswith((b"WARC/",)):
        return
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text has NULs
        raise IngestError(ErrorCode.E103, where=name, detail="NUL bytes")


def sniff_format(name: str, data: bytes) -> str:
    """The input's format: by extension first, else by looking at its first bytes."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"\x1f\x8b") or head.startswith(b"WARC/"):
        return "warc"
    by_ext = extension_format(name)
    lower = head[:1024].lower()
    if by_ext == "feed":
        # .xml may hold a web page rather than a feed
        return "html" if (b"<html" in lower and b"<rss" not in lower and b"<feed" not in lower) else "feed"
    if by_ext is not None:
        return by_ext
    if lower.startswith(b"<?xml") and (b"<rss" in lower or b"<feed" in lower or b"<rdf" in lower):
        return "feed"
    if lower.startswith((b"<rss", b"<feed")):
        return "feed"
    if lower.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or b"<html" in lower[:512]:
        return "html"
    if lower.startswith(b"{"):
        return "jsonl"
    if lower.startswith(b"[{") or lower.startswith(b"["):
        return "json"
    if head.startswith(b"---"):
        return "md"
    return "txt"


_HIGH_RUN = re.compile(rb"[\x80-\xff]+")


def _western(data: bytes) -> str | None:
    """Windows-1252 (a superset of Latin-1) for mostly-ASCII text whose other bytes stand alone, as accented
    letters and curly quotes do; multi-byte encodings (EUC-KR, Shift-JIS, GBK) come in runs and are left alone."""
    sample = data[:65536]
    runs = _HIGH_RUN.findall(sample)
    high = sum(len(r) for r in runs)
    if not runs or high / len(sample) > 0.15 or sum(len(r) == 1 for r in runs) < 0.8 * len(runs):
        return None
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return None


_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", re.I)


def decode(name: str, data: bytes) -> str:
    """Decode bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, an HTML <meta charset>, Windows-1252
    for mostly-ASCII text, else charset-normalizer's best guess.

    IngestError E104 when no encoding decodes the bytes cleanly.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise IngestError(ErrorCode.E104, where=name, detail=f"bad UTF-16 at byte {exc.start}") from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (UnicodeDecodeError, LookupError):
            pass
    western = _western(data)
    if western is not None:
        return western
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise IngestError(ErrorCode.E104, where=name,
                          detail=f"not UTF-8 (first bad byte at offset {first_bad}) and no other encoding fits")
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise IngestError(ErrorCode.E104, where=name, detail=f"guessed {best.encoding} but it does not decode") from exc
