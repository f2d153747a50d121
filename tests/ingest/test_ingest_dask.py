"""Ingest on a Dask cluster stores exactly what the local path stores; the writer stays in this process.

Most tests use one in-process LocalCluster (processes=False, 2 single-threaded workers) for speed; one test starts
`--dask local` (a LocalCluster of real worker processes) through the CLI. Skipped when dask is not installed,
except the test of the error that says how to install it.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from ingest_support import FIXTURES

from dyad.config import Options
from dyad.errors import ErrorCode, UsageError
from dyad.ingest import IngestSummary, ingest, pipeline
from dyad.ingest import distributed as dd
from dyad.ingest.sources import InputRef
from dyad.records import Article, EventRecord, PerceptionRecord, Sentence
from dyad.store import Store

HAS_DASK = importlib.util.find_spec("distributed") is not None and importlib.util.find_spec("dask") is not None
needs_dask = pytest.mark.skipif(not HAS_DASK, reason="dask/distributed not installed (pip install 'dyad[dask]')")

OPTS = Options(code_events=False)
BODY = ("Since the 1965 treaty normalised relations, Japan and South Korea have argued over how to settle the past. "
        "The Supreme Court ruling last November ordered Japanese companies to compensate former forced labourers. "
        "Tokyo sees Seoul as fixated on the past, while Seoul says Tokyo has never fully faced its colonial record. "
        "If Seoul were to liquidate the seized assets, Tokyo could retaliate with new export controls. "
        "Analysts expect the two governments to keep talking through the summer despite the rhetoric.")
OTHER = ("A different story about fisheries talks that resumed after two years and ended with a joint statement on "
         "quotas for the coming season, officials in both capitals said on Friday.")


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """The address of an in-process LocalCluster with 2 single-threaded workers."""
    if not HAS_DASK:
        pytest.skip("dask/distributed not installed")
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0") as cluster:  # type: ignore[no-untyped-call]
        yield str(cluster.scheduler_address)


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def corpus(tmp: Path) -> list[str]:
    """The fixture folder between an original and its near-duplicate (far apart, in different chunks), plus an
    exact duplicate with other boilerplate, a binary file and an empty file."""
    write(tmp / "first" / "orig.txt", BODY)
    write(tmp / "first" / "pdf.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    write(tmp / "last" / "copy.txt", BODY.replace("argued over", "quarrelled about") + "\n\nSubscribe to our newsletter.")
    write(tmp / "last" / "exact.md", "Sign up for our daily briefing\n\n" + BODY)
    write(tmp / "last" / "empty.txt", "  \n")
    write(tmp / "last" / "other.txt", OTHER)
    return [str(tmp / "first"), str(FIXTURES), str(tmp / "last")]


def snapshot(store: Store) -> dict[str, Any]:
    """What a run left in the store, in comparable form."""
    q = store.query
    return {
        "articles": q("SELECT id, source, title, published, language, n_chars FROM articles ORDER BY id"),
        "near": q("SELECT id, duplicate_of, similarity, source FROM near_duplicates ORDER BY id"),
        "failures": q("SELECT source, code, reason FROM failures ORDER BY source, code"),
        "sentences": q("SELECT article_id, count(*) AS n, max(end_char) AS e FROM sentences GROUP BY 1 ORDER BY 1"),
        "events": q("SELECT article_id, count(*) AS n FROM events GROUP BY 1 ORDER BY 1"),
        "perceptions": q("SELECT article_id, count(*) AS n FROM perceptions GROUP BY 1 ORDER BY 1"),
    }


def run(inputs: list[str], options: Options, **kw: Any) -> tuple[IngestSummary, dict[str, Any]]:
    with Store(":memory:") as st:
        summary = ingest(inputs, store=st, options=options, **kw)
        return summary, snapshot(st)


@needs_dask
def test_cluster_stores_what_the_local_path_stores(scheduler: str, tmp_path: Path) -> None:
    inputs = corpus(tmp_path)
    lines: list[str] = []
    local, want = run(inputs, OPTS)
    remote, got = run(inputs, OPTS.with_(dask=scheduler), on_failure=lambda f: lines.append(f.line()))
    assert remote.as_dict() == local.as_dict()
    assert (remote.stored, remote.near_duplicate, remote.duplicate, remote.failed) == (15, 1, 1, 5)
    assert got == want
    assert [r["source"].rsplit("/", 2)[-2:] for r in got["near"]] == [["last", "copy.txt"]]  # the later copy linked
    assert {r["code"] for r in got["failures"]} == {"E102", "E103", "E108"}
    assert len(lines) == 5 and all(": E1" in line for line in lines)  # one stderr line each, as locally


@needs_dask
def test_rerun_on_cluster_changes_nothing(scheduler: str, tmp_path: Path) -> None:
    inputs = corpus(tmp_path)
    opts = OPTS.with_(dask=scheduler, db=tmp_path / "d.duckdb")
    with Store(opts.db) as st:
        ingest(inputs, store=st, options=opts)
        before = snapshot(st)
        again = ingest(inputs, store=st, options=opts)
        assert (again.stored, again.failed, again.duplicate + again.near_duplicate) == (0, 5, 17)
        assert snapshot(st) == before


@needs_dask
def test_task_failure_retries_inputs_alone_and_records_one_failure(scheduler: str, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """A task that dies (here: an exception outside the reader's own handling) costs only its bad input."""
    real = pipeline.prepare_input

    def exploding(ref: InputRef, options: Options, columns: Any, split: bool) -> list[Any]:
        if ref.name.endswith("boom.txt"):
            raise MemoryError("worker ran out of memory")
        return real(ref, options, columns, split)

    monkeypatch.setattr(pipeline, "prepare_input", exploding)  # in-process workers share this module
    src = tmp_path / "in"
    write(src / "a.txt", BODY)
    write(src / "boom.txt", "Whatever is here never gets read by the worker at all.")
    write(src / "c.txt", OTHER)
    s, got = run([str(src)], OPTS.with_(dask=scheduler))
    assert (s.stored, s.failed) == (2, 1)
    assert [(r["source"].rsplit("/", 1)[-1], r["code"]) for r in got["failures"]] == [("boom.txt", "E106")]
    assert "MemoryError" in got["failures"][0]["reason"]


@needs_dask
def test_inputs_in_flight_are_bounded(scheduler: str) -> None:
    """The input stream is pulled only a window ahead of what the writer has taken."""
    from distributed import Client

    pulled = [0]

    def refs() -> Iterator[InputRef]:
        for i in range(200):
            pulled[0] += 1
            yield InputRef(f"doc{i}.txt", data=f"Story number {i}. {OTHER}".encode())

    with Client(scheduler, set_as_default=False) as client:  # type: ignore[no-untyped-call]
        runner = dd.DaskRunner(client, chunk=4)
        stream = runner.outcomes(refs(), OPTS, None, True)
        first = next(stream)
        window = 2 * runner.slots * runner.chunk
        assert runner.slots == 2 and pulled[0] <= window + runner.chunk
        taken = 1 + sum(1 for _ in zip(range(50), stream, strict=False))
        assert pulled[0] <= taken + window + runner.chunk
        rest = list(stream)
    assert pulled[0] == 200 and 1 + 50 + len(rest) == 200
    assert isinstance(first, pipeline.Prepared) and first.article.source == "doc0.txt"  # input order kept
    assert all(isinstance(o, pipeline.Prepared) and o.done for o in rest)  # sentences split on the workers


@dataclass
class Coded:
    article: Article
    sentences: list[Sentence]
    events: list[EventRecord]
    perceptions: list[PerceptionRecord]


@needs_dask
def test_coding_runs_on_workers_after_dedup_with_one_coder_per_worker(scheduler: str, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[str] = []
    coded: list[tuple[str, str]] = []

    class RecordingCoder:
        def code(self, article: Article) -> Coded:
            coded.append((threading.current_thread().name, article.id))
            return Coded(article, [Sentence(0, 0, 5), Sentence(1, 6, 10)], [], [])

    def load(pack: str) -> tuple[RecordingCoder, None]:
        built.append(pack)
        return RecordingCoder(), None

    monkeypatch.setattr(pipeline, "load_coder", load)
    monkeypatch.setattr(pipeline, "_coder_importable", lambda: True)
    monkeypatch.setattr(dd, "_CODERS", {})
    src = tmp_path / "in"
    write(src / "a.txt", BODY)
    write(src / "b.txt", OTHER)
    write(src / "c.md", "Sign up for our daily briefing\n\n" + BODY)  # exact duplicate: never coded
    write(src / "ko.txt", "한국과 일본은 월요일 정보공유협정을 완전히 복원하기로 합의했다. 양국 정상은 도쿄에서 만났다.")
    opts = Options(db=tmp_path / "c.duckdb", dask=scheduler)
    with Store(opts.db) as st:
        s1 = ingest([str(src)], store=st, options=opts)
        assert (s1.stored, s1.coded, s1.non_english, s1.duplicate) == (3, 2, 1, 1)
        assert len(coded) == len({a for _, a in coded}) == 2
        assert all(name != threading.main_thread().name for name, _ in coded)  # coded on workers, not here
        assert built == ["jpn_kor"]  # one Coder for this worker process, kept between batches
        s2 = ingest([str(src)], store=st, options=opts)
        assert (s2.stored, s2.coded, s2.duplicate) == (0, 0, 4) and len(coded) == 2
        assert st.query("SELECT count(*) AS n FROM sentences")[0]["n"] == 2 * 2 + 1
    assert built == ["jpn_kor"]


@needs_dask
def test_real_coder_gives_the_same_events(scheduler: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("dyad.code.api")
    monkeypatch.setattr(dd, "_CODERS", {})
    src = tmp_path / "in"
    write(src / "a.txt", "Seoul, March 6, 2023. South Korea announced a plan on Monday to compensate victims of "
          "wartime forced labour. Japan welcomed the plan. Japanese Prime Minister Fumio Kishida said Tokyo "
          "would lift export controls on South Korea.")
    write(src / "b.txt", "North Korea fired a ballistic missile over Japan on Tuesday. Japan protested to North Korea "
          "and South Korea condemned the launch.")
    local, want = run([str(src)], Options(published=dt.date(2023, 3, 7)))
    remote, got = run([str(src)], Options(published=dt.date(2023, 3, 7), dask=scheduler))
    assert local.coded == remote.coded == 2 and not remote.warnings
    assert got == want
    assert sum(r["n"] for r in got["events"]) >= 2


def test_missing_dask_says_how_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dyad.present.cli import cli

    monkeypatch.setitem(sys.modules, "distributed", None)  # as if dask[distributed] were not installed
    write(tmp_path / "a.txt", BODY)
    with Store(":memory:") as st, pytest.raises(UsageError) as info:
        ingest([str(tmp_path / "a.txt")], store=st, options=OPTS.with_(dask="local"))
    assert info.value.code is ErrorCode.E003 and "pip install 'dyad[dask]'" in str(info.value)
    with Store(":memory:") as st:
        assert st.counts()["articles"] == 0
    db = tmp_path / "x.duckdb"
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "a.txt"), "--db", str(db), "--no-code",
                                      "--dask", "local"])
    assert result.exit_code == 2
    assert "E003" in result.stderr and "pip install 'dyad[dask]'" in result.stderr
    assert not db.exists()  # refused before the store was opened


@needs_dask
def test_unreachable_scheduler_or_no_workers_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dd, "CONNECT_TIMEOUT", 1.0)
    with Store(":memory:") as st, pytest.raises(UsageError) as info:
        ingest([str(FIXTURES / "plain.txt")], store=st, options=OPTS.with_(dask="tcp://127.0.0.1:9"))
    assert info.value.code is ErrorCode.E003 and "127.0.0.1:9" in str(info.value)
    from distributed import LocalCluster

    with LocalCluster(n_workers=0, processes=False, dashboard_address=":0") as empty:  # type: ignore[no-untyped-call]
        with Store(":memory:") as st, pytest.raises(UsageError) as info:
            ingest([str(FIXTURES / "plain.txt")], store=st, options=OPTS.with_(dask=empty.scheduler_address))
        assert info.value.code is ErrorCode.E003 and "TimeoutError" in str(info.value)
        assert not empty.scheduler.clients or set(empty.scheduler.clients) <= {"fire-and-forget"}  # client closed


@needs_dask
def test_cli_dask_local_with_worker_processes(tmp_path: Path, runner: CliRunner) -> None:
    """`--dask local`: a LocalCluster of real worker processes (1 here); same store as the local path."""
    from dyad.present.cli import cli

    inputs = corpus(tmp_path / "src")
    args = ["ingest", *inputs, "--no-code"]
    local = runner.invoke(cli, [*args, "--db", str(tmp_path / "l.duckdb")])
    remote = runner.invoke(cli, [*args, "--db", str(tmp_path / "r.duckdb"), "--dask", "local", "--workers", "1"])
    assert local.exit_code == remote.exit_code == 1  # some inputs failed, the rest stored
    summary = remote.stderr.strip().splitlines()[-1]
    assert summary.startswith("15 stored, 1 duplicate, 1 near-duplicate, 5 failed")
    assert summary.split(" -> ")[0] == local.stderr.strip().splitlines()[-1].split(" -> ")[0]
    with Store(tmp_path / "l.duckdb", read_only=True) as a, Store(tmp_path / "r.duckdb", read_only=True) as b:
        assert snapshot(a) == snapshot(b)


@needs_dask
def test_lost_scheduler_stops_the_run_without_recording_failures(scheduler: str) -> None:
    """When the client loses the cluster, inputs are not turned into failures: the run stops with E003."""
    from distributed import Client

    def refs() -> Iterator[InputRef]:
        for i in range(40):
            yield InputRef(f"doc{i}.txt", data=f"Story number {i}. {OTHER}".encode())

    client = Client(scheduler, set_as_default=False)  # type: ignore[no-untyped-call]
    runner = dd.DaskRunner(client, chunk=2)
    stream = runner.outcomes(refs(), OPTS, None, True)
    assert isinstance(next(stream), pipeline.Prepared)
    client.close()  # type: ignore[no-untyped-call]
    with pytest.raises(UsageError) as info:
        list(stream)
    assert info.value.code is ErrorCode.E003 and "lost the Dask scheduler" in str(info.value)
