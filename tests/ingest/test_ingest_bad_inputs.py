"""Every kind of bad input: one failure naming the file with a code and a reason, a failures row, the batch goes on."""

from __future__ import annotations

import builtins
import os
from pathlib import Path

import pytest

from dyad.config import Options
from dyad.ingest import ingest
from dyad.records import Failure
from dyad.store import Store

OPTS = Options(code_events=False)
GOOD = "Seoul and Tokyo agreed on Monday to resume talks on export controls, officials said.\n"


def run(store: Store, paths: list[str], **opts: object) -> tuple[dict[str, Failure], int]:
    lines: list[str] = []
    summary = ingest(paths, store=store, options=OPTS.with_(**opts), on_failure=lambda f: lines.append(f.line()))
    assert len(lines) == summary.failed == len(summary.failures)
    for line in lines:  # one line each: "PATH: E1xx reason"
        assert "\n" not in line and ": E1" in line
    return {f.source: f for f in summary.failures}, summary.stored


@pytest.fixture
def good(tmp_path: Path) -> Path:
    p = tmp_path / "good.txt"
    p.write_text(GOOD)
    return p


def check(store: Store, tmp_path: Path, good: Path, name: str, content: bytes, code: str, words: str,
          **opts: object) -> Failure:
    bad = tmp_path / name
    bad.write_bytes(content)
    fails, stored = run(store, [str(bad), str(good)], **opts)
    assert stored == 1  # the batch went on
    f = fails[str(bad)]
    assert f.code == code and words in f.reason, f
    rows = store.query("SELECT source, code, reason FROM failures")
    assert rows == [{"source": str(bad), "code": code, "reason": f.reason}]
    return f


def test_empty_file(store: Store, tmp_path: Path, good: Path) -> None:
    check(store, tmp_path, good, "empty.txt", b"", "E102", "empty")


def test_whitespace_only_file(store: Store, tmp_path: Path, good: Path) -> None:
    check(store, tmp_path, good, "blank.md", b"  \n\n\t\n", "E102", "empty")


def test_binary_nul_bytes(store: Store, tmp_path: Path, good: Path) -> None:
    check(store, tmp_path, good, "data.txt", b"abc\x00\x01\x02def" * 10, "E103", "NUL")


def test_binary_magic_number(store: Store, tmp_path: Path, good: Path) -> None:
    check(store, tmp_path, good, "scan.html", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "E103", "PDF")
    assert "E103" in store.query("SELECT code FROM failures")[0]["code"]


def test_png_without_extension(store: Store, tmp_path: Path, good: Path) -> None:
    check(store, tmp_path, good, "image", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "E103", "PNG")


def test_undecodable_bytes(store: Store, tmp_path: Path, good: Path) -> None:
    check(store, tmp_path, good, "garbled.txt", bytes([0x80, 0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 60, "E104",
          "undecodable")


def test_legacy_encodings_that_decode_are_stored(store: Store, tmp_path: Path) -> None:
    latin = tmp_path / "latin.txt"
    latin.write_bytes(("Café talks in Seoul: the naïve résumé of Tokyo's position was rejected. " * 3)
                      .encode("cp1252"))
    korean = tmp_path / "korean.html"
    korean.write_bytes(('<html><head><meta charset="euc-kr"></head><body><article><p>'
                        + "한국과 일본은 월요일 정보공유협정을 완전히 복원하기로 합의했다. " * 5
                        + "</p></article></body></html>").encode("euc-kr"))
    fails, stored = run(store, [str(latin), str(korean)])
    assert not fails and stored == 2
    texts = {r["language"]: r["text"] for r in store.query("SELECT language, text FROM articles")}
    assert "Café" in texts["en"] and "naïve" in texts["en"]
    assert "정보공유협정" in texts["ko"]


def test_over_max_bytes(store: Store, tmp_path: Path, good: Path) -> None:
    f = check(store, tmp_path, good, "big.txt", b"word " * 400, "E105", "over the limit", max_bytes=1000)
    assert "2000 bytes" in f.reason and "1000" in f.reason


def test_truncated_html(store: Store, tmp_path: Path, good: Path) -> None:
    page = b"<html><head><title>T</title></head><body><article><p>Seoul and Tokyo agreed to resume talks"
    check(store, tmp_path, good, "cut.html", page, "E106", "truncated")


def test_html_without_main_text(store: Store, tmp_path: Path, good: Path) -> None:
    check(store, tmp_path, good, "nav.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>",
          "E107", "no main text")


def test_only_boilerplate_left(store: Store, tmp_path: Path, good: Path) -> None:
    check(store, tmp_path, good, "footer.txt", b"Sign up for our daily briefing\n\nShare this article\n", "E107",
          "boilerplate")


def test_missing_path(store: Store, tmp_path: Path, good: Path) -> None:
    fails, stored = run(store, [str(tmp_path / "nope.txt"), str(good)])
    assert stored == 1 and fails[str(tmp_path / "nope.txt")].code == "E101"


def test_unreadable_path(store: Store, tmp_path: Path, good: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(GOOD.replace("Monday", "Tuesday"))
    if os.geteuid() != 0:
        locked.chmod(0)
    else:  # root reads anything: make open() refuse this one file the way the kernel would
        real_open = builtins.open

        def guarded(file: object, *args: object, **kwargs: object) -> object:
            if str(file) == str(locked):
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

        monkeypatch.setattr(builtins, "open", guarded)
    fails, stored = run(store, [str(locked), str(good)])
    assert stored == 1
    assert fails[str(locked)].code == "E101" and "permission denied" in fails[str(locked)].reason


def test_directory_of_three_thousand_files_is_streamed(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    n = 3000
    for i in range(n):
        text = f"Report {i}: officials in Seoul and Tokyo met for round {i} of talks on item {i * 7919 % 10007}."
        (folder / f"{i:05d}.txt").write_text(text)
    (folder / "00010.txt").write_bytes(b"")  # one bad apple
    from dyad.ingest import sources

    walked = sources.walk(str(folder))
    assert next(walked).endswith("00000.txt")  # a generator: nothing beyond one directory listed up front
    fails, stored = run(store, [str(folder)])
    assert stored == n - 1 and list(fails) == [str(folder / "00010.txt")]
    assert store.counts()["articles"] == n - 1
