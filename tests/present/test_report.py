"""The report: self-contained, escaped, renders in headless Chromium with a non-empty chart."""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

import pytest

from dyad.present.cli import main
from dyad.present.report import write_report
from dyad.present.report.html import safe_url
from dyad.records import ActorRef, Article, PerceptionRecord
from dyad.store.db import Store

sys.path.insert(0, str(Path(__file__).parents[1] / "measure"))
from measure_helpers import ev

HOSTILE = 'Tokyo <script>alert("x")</script> & "friends" <img src=x onerror=alert(1)>'
ARTICLE_URL = "https://news.example.org/2019/07/export-controls"


def _fill(store: Store) -> None:
    events = [
        ev("a1", HOSTILE + " tightened export controls.", "2019-07-04", "SANCTION", issues=("economy.x",)),
        ev("a1", "Seoul protested loudly.", "2019-07-05", "PROTEST", source="KOR", target="JPN", start=300),
        ev("a2", "The leaders agreed to restore ties.", "2023-03-16", "AGREE", issues=("diplomacy.summit",)),
    ]
    perceptions = [PerceptionRecord(
        article="a1", sentence="Seoul sees Tokyo as <b>unrepentant</b>.", start=0, end=10,
        holder=ActorRef("Seoul", country="KOR"), about=ActorRef("Tokyo", country="JPN"), stance="negative",
        frame="unrepentant")]
    store.add_article(Article(id="a1", text="x", raw="", source="a1", source_format="txt", title=HOSTILE,
                              url=ARTICLE_URL, outlet="<Daily>"), events=events[:2], perceptions=perceptions)
    store.add_article(Article(id="a2", text="y", raw="", source="a2", source_format="txt", title="Thaw",
                              url="javascript:alert(1)"), events=events[2:])


@pytest.fixture
def report_html(tmp_path: Path) -> str:
    with Store(tmp_path / "r.duckdb") as store:
        _fill(store)
        path = write_report(store, tmp_path / "out" / "report.html", pack="jpn_kor", with_chronology=True,
                            fmt="html")
    return path.read_text(encoding="utf-8")


def test_self_contained(report_html: str) -> None:
    assert "<script" not in report_html.lower()
    links = re.findall(r'(?:src|href)\s*=\s*"([^"]*)"', report_html, flags=re.I)
    assert ARTICLE_URL in links
    from dyad.knowledge import load_pack

    allowed = {ARTICLE_URL} | {html.escape(r.source_url, quote=True) for r in load_pack("jpn_kor").chronology}
    assert set(links) <= allowed  # only the articles' own URLs and the chronology's sources are linked
    assert all(u.startswith(("https://", "http://")) for u in links)
    assert not [u for u in re.findall(r'\bsrc\s*=\s*"([^"]*)"', report_html, flags=re.I)]  # no images, no scripts
    assert "<link" not in report_html.lower() and "@import" not in report_html and "url(" not in report_html
    assert "javascript:" not in report_html  # the bad URL is shown as text only, never linked... nor echoed


def test_hostile_strings_are_escaped(report_html: str) -> None:
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in report_html
    assert "<img" not in report_html and "&lt;b&gt;unrepentant&lt;/b&gt;" in report_html
    assert "&lt;Daily&gt;" in report_html


def test_sections_and_labels_from_the_pack(report_html: str) -> None:
    assert "How Tokyo sees Seoul" in report_html and "How Seoul sees Tokyo" in report_html
    assert re.search(r'<path class="level" d="M[\d.]+,[\d.]+ L', report_html)
    assert 'class="episode tension"' in report_html and 'class="episode reset"' in report_html
    assert "<rect" in report_html and "Reference chronology sources" in report_html


def test_markdown(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "m.duckdb"
    with Store(db) as store:
        _fill(store)
    out = tmp_path / "report.md"
    assert main(["report", "--db", str(db), "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Japan – South Korea")
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert f"(<{ARTICLE_URL}>)" in text and "javascript:" not in text
    assert "## Episodes" in text and "How Tokyo sees Seoul" in text


def test_safe_url() -> None:
    assert safe_url("https://a.example/x?y=1") == "https://a.example/x?y=1"
    for bad in ("javascript:alert(1)", "data:text/html,x", "/local", None, 'https://x" onmouseover="a'):
        assert safe_url(bad) is None


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.browser
def test_report_in_headless_chromium(tmp_path: Path, report_html: str) -> None:
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium (/usr/bin/chromium) is not installed")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    page_path = tmp_path / "report.html"
    page_path.write_text(report_html, encoding="utf-8")
    artifacts = Path(__file__).parents[2] / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    errors: list[str] = []
    requests: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run"])
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("request", lambda r: requests.append(r.url))
            page.goto(page_path.as_uri())
            page.wait_for_load_state("load")
            assert page.locator("svg.chart path.level").count() == 1
            assert page.locator("svg.chart rect").count() > 1
            box = page.locator("svg.chart").bounding_box()
            assert box is not None and box["width"] > 300 and box["height"] > 100
            assert page.locator("svg.heatmap rect").count() > 0
            page.screenshot(path=str(artifacts / "report.png"), full_page=False)
        finally:
            browser.close()
    assert errors == []
    assert [u for u in requests if not u.startswith("file:")] == []
