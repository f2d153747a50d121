"""The ingest pipeline: inputs -> read -> clean -> metadata/language -> (code) -> dedup -> store.

Reading, cleaning, language detection and MinHash (and coding, when on) run in the main process or, with
`options.workers > 1`, in a pool of worker processes fed from the lazy input stream with a bounded window.
The main process is the one writer: it checks duplicates in batches and writes each batch of articles, each with
its raw input and sentences (and events/perceptions), in one transaction, so a kill leaves no half article and a
re-run skips what is stored and completes the rest. A bad input becomes a Failure: one stderr line via
`on_failure`, a row in the failures table, and the batch goes on.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import signal
import time
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

from dyad.config import Options
from dyad.errors import ErrorCode, IngestError
from dyad.ingest import dedup
from dyad.ingest.clean import clean_text
from dyad.ingest.metadata import detect_language, parse_published
from dyad.ingest.readers import ColumnMap, RawDoc, read_input
from dyad.ingest.sentences import split_sentences
from dyad.ingest.sources import InputRef, expand_inputs
from dyad.records import Article, EventRecord, Failure, PerceptionRecord, Sentence, article_id
from dyad.store import ArticleWrite, Store


class CodedLike(Protocol):
    sentences: list[Sentence]
    events: list[EventRecord]
    perceptions: list[PerceptionRecord]


class CoderLike(Protocol):
    """What ingest needs of `dyad.code.api.Coder`."""

    def code(self, article: Article) -> Any: ...


@dataclass
class IngestSummary:
    """What a run did. `failures` lists every input or record that could not become an article."""

    stored: int = 0
    duplicate: int = 0
    near_duplicate: int = 0
    failed: int = 0
    non_english: int = 0
    coded: int = 0
    failures: list[Failure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return self.stored + self.duplicate + self.near_duplicate + self.failed

    def as_dict(self) -> dict[str, int]:
        return {"stored": self.stored, "duplicate": self.duplicate, "near_duplicate": self.near_duplicate,
                "failed": self.failed, "non_english": self.non_english, "coded": self.coded}


@dataclass(frozen=True, slots=True)
class Prepared:
    """An article read, cleaned and fingerprinted; `done` when its sentences (and coding) are attached."""

    article: Article
    sig: dedup.Signature
    sentences: tuple[Sentence, ...] = ()
    events: tuple[EventRecord, ...] = ()
    perceptions: tuple[PerceptionRecord, ...] = ()
    coded: bool = False
    done: bool = False
    warning: str | None = None


Outcome = Prepared | Failure


# -- per-document work (runs in workers) ----------------------------------------------------------------------------

def build_article(doc: RawDoc, options: Options) -> Article | Failure:
    """Clean a RawDoc and settle its metadata: the Article, or a Failure when no text is left."""
    cleaned = clean_text(doc.text, title=doc.title)
    if not cleaned.text.strip():
        err = IngestError(ErrorCode.E107, where=doc.source, detail="nothing left after removing boilerplate")
        return Failure(doc.source, err.code.value, err.reason)
    metadata = dict(doc.metadata)
    published, note = (doc.published, None) if doc.published else parse_published(doc.date_text)
    if note:
        metadata["published_text"] = doc.date_text
        metadata["published_note"] = note
    basis: Any = "source"
    if published is None:
        published, basis = (options.published, "argument") if options.published else (None, "unknown")
    if cleaned.byline:
        metadata["byline"] = cleaned.byline
    language, score = detect_language(cleaned.text)
    return Article(
        id=article_id(cleaned.text), text=cleaned.text, raw=doc.raw, source=doc.source,
        source_format=doc.source_format, title=doc.title, author=doc.author or cleaned.byline,
        outlet=doc.outlet or options.outlet, url=doc.url, published=published, published_basis=basis,
        language=language, language_score=score, author_bio=cleaned.author_bio, removed=cleaned.removed,
        metadata=metadata,
    )


def prepare(doc: RawDoc, options: Options) -> Outcome:
    art = build_article(doc, options)
    if isinstance(art, Failure):
        return art
    return Prepared(art, dedup.signature(art.text))


def finish(p: Prepared, coder: CoderLike | None) -> Prepared:
    """Attach sentences, and events/perceptions when a coder is given and the article is English."""
    if p.done:
        return p
    if coder is not None and p.article.is_english:
        try:
            coded = coder.code(p.article)
        except Exception as exc:  # a coder bug must not lose the article: store it uncoded, say so
            warning = f"{p.article.source}: coder failed ({type(exc).__name__}: {exc}); stored uncoded"
            return replace(p, sentences=tuple(split_sentences(p.article.text)), done=True, warning=warning)
        return replace(p, sentences=tuple(coded.sentences), events=tuple(coded.events),
                       perceptions=tuple(coded.perceptions), coded=True, done=True)
    return replace(p, sentences=tuple(split_sentences(p.article.text)), done=True)


def read_outcomes(ref: InputRef, options: Options, columns: ColumnMap | None) -> Iterator[Outcome]:
    """Every outcome of one input, lazily; unexpected errors become Failures (the batch goes on)."""
    try:
        for doc in read_input(ref, max_bytes=options.max_bytes, columns=columns):
            yield doc if isinstance(doc, Failure) else prepare(doc, options)
    except Exception as exc:
        err = IngestError(ErrorCode.E106, where=ref.name, detail=f"unexpected {type(exc).__name__}: {exc}")
        yield Failure(ref.name, err.code.value, err.reason)


def load_coder(pack: str) -> tuple[CoderLike | None, str | None]:
    """dyad.code.api.Coder(pack), or (None, why) when the coder is not available."""
    try:
        from dyad.code.api import Coder  # type: ignore[import-not-found,unused-ignore]
    except ImportError as exc:
        return None, f"event coder not available ({exc}); articles stored uncoded"
    try:
        coder: CoderLike = Coder(pack)
    except Exception as exc:
        return None, f"event coder could not start ({exc}); articles stored uncoded"
    return coder, None


# -- worker processes -----------------------------------------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def _init_worker(options: Options, columns: ColumnMap | None, code: bool, split: bool) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process decides when to stop
    _WORKER["options"] = options
    _WORKER["columns"] = columns
    _WORKER["coder"] = load_coder(options.pack)[0] if code else None  # built once per worker
    _WORKER["split"] = split


def prepare_input(ref: InputRef, options: Options, columns: ColumnMap | None, split: bool) -> list[Outcome]:
    """One worker task (pool or Dask): read one input; with `split` (no coding), also split sentences here, off
    the writer's critical path."""
    outcomes = read_outcomes(ref, options, columns)
    if split:
        return [finish(o, None) if isinstance(o, Prepared) else o for o in outcomes]
    return list(outcomes)


def _work(ref: InputRef) -> list[Outcome]:
    return prepare_input(ref, _WORKER["options"], _WORKER["columns"], _WORKER["split"])


def _finish_in_worker(p: Prepared) -> Prepared:
    return finish(p, _WORKER["coder"])


def _pool_outcomes(refs: Iterator[InputRef | Failure], pool: Any, workers: int) -> Generator[Outcome, None, None]:
    window: deque[Any] = deque()
    limit = workers * 4  # inputs in flight: the generator is never drained ahead of the writer
    for ref in refs:
        if isinstance(ref, Failure):
            yield ref
            continue
        window.append(pool.apply_async(_work, (ref,)))
        while len(window) >= limit:
            yield from window.popleft().get()
    while window:
        yield from window.popleft().get()


def _local_outcomes(refs: Iterator[InputRef | Failure], options: Options,
                    columns: ColumnMap | None) -> Generator[Outcome, None, None]:
    for ref in refs:
        if isinstance(ref, Failure):
            yield ref
        else:
            yield from read_outcomes(ref, options, columns)


# -- the writer -----------------------------------------------------------------------------------------------------

class _Writer:
    """The single writer: batches outcomes, resolves duplicates against the store and the batch, writes."""

    def __init__(self, store: Store, summary: IngestSummary, finisher: Callable[[list[Prepared]], list[Prepared]],
                 on_failure: Callable[[Failure], None] | None, progress: Callable[[IngestSummary], None] | None,
                 batch_size: int, max_wait: float) -> None:
        self.store = store
        self.summary = summary
        self.finisher = finisher  # sentences and coding for the batch's new articles (here or in the pool)
        self.on_failure = on_failure
        self.progress = progress
        self.batch_size = batch_size
        self.max_wait = max_wait
        self.buffer: list[Prepared] = []
        self.last_flush = time.monotonic()

    def take(self, outcome: Outcome) -> None:
        if isinstance(outcome, Failure):
            self.fail(outcome)
        else:
            self.buffer.append(outcome)
            if len(self.buffer) >= self.batch_size or time.monotonic() - self.last_flush > self.max_wait:
                self.flush()

    def fail(self, failure: Failure) -> None:
        self.summary.failed += 1
        self.summary.failures.append(failure)
        if not self.store.has_failure(failure):
            self.store.record_failure(failure)
        if self.on_failure:
            self.on_failure(failure)
        if self.progress:
            self.progress(self.summary)

    def flush(self) -> None:
        batch, self.buffer = self.buffer, []
        self.last_flush = time.monotonic()
        if not batch:
            return
        known = self.store.existing_ids([p.article.id for p in batch])
        candidates = self.store.minhash_candidates_many([(i, p.sig.bands) for i, p in enumerate(batch)])
        fresh: list[Prepared] = []
        links: list[tuple[Article, str, float]] = []
        batch_ids: set[str] = set()
        batch_bands: dict[tuple[int, int], list[tuple[str, bytes]]] = {}
        for i, p in enumerate(batch):
            art = p.article
            if art.id in known or art.id in batch_ids:
                self.summary.duplicate += 1
                continue
            cands = list(candidates.get(i, []))
            seen = {c[0] for c in cands}
            for band in p.sig.bands:
                for cid, sig in batch_bands.get(band, []):
                    if cid not in seen:
                        seen.add(cid)
                        cands.append((cid, sig))
            match = dedup.best_match(p.sig.values, cands)
            batch_ids.add(art.id)
            if match is not None:
                links.append((art, match[0], match[1]))
                continue
            fresh.append(p)
            for band in p.sig.bands:
                batch_bands.setdefault(band, []).append((art.id, p.sig.values))
        writes: list[ArticleWrite] = []
        for done in self.finisher(fresh) if fresh else []:  # only new articles are coded
            if done.warning:
                self.summary.warnings.append(done.warning)
            writes.append(ArticleWrite(done.article, done.sentences, done.events, done.perceptions,
                                       minhash=done.sig.values, bands=done.sig.bands, coded=done.coded))
        stored = self.store.add_articles(writes)
        for w, ok in zip(writes, stored, strict=True):
            if ok:
                self.summary.stored += 1
                self.summary.coded += int(w.coded)
                self.summary.non_english += int(not w.article.is_english)
            else:
                self.summary.duplicate += 1
        for art, target, sim in links:  # after the batch commit: a link never points at an unwritten article
            if self.store.add_near_duplicate(art, target, round(sim, 4)):
                self.summary.near_duplicate += 1
            else:
                self.summary.duplicate += 1
        if self.progress:
            self.progress(self.summary)


def ingest(
    inputs: Iterable[str],
    *,
    store: Store,
    options: Options,
    coder: CoderLike | None = None,
    progress: Callable[[IngestSummary], None] | None = None,
    on_failure: Callable[[Failure], None] | None = None,
    columns: ColumnMap | None = None,
    batch_size: int = 64,
    max_wait: float = 1.0,
) -> IngestSummary:
    """Read, clean, de-duplicate and store `inputs` (paths, directories, globs, "-" for stdin).

    Articles are coded when `coder` is given (in this process), or when `options.code_events` is true and
    `dyad.code.api` can be imported (with workers, each worker builds its own Coder once). Coding comes after the
    duplicate checks, so a re-run codes only what is new. Non-English articles are stored, never coded.
    With `options.dask` (a scheduler address, or "local"), the per-document work runs on that Dask cluster
    (`dyad.ingest.distributed`) instead of a local pool; this process stays the one writer.
    """
    summary = IngestSummary()
    refs = expand_inputs(inputs, max_bytes=options.max_bytes)
    want_code = coder is None and options.code_events
    pool: Any = None
    runner: Any = None  # dyad.ingest.distributed.DaskRunner with options.dask
    if (options.workers > 1 or options.dask is not None) and want_code and not _coder_importable():
        summary.warnings.append("event coder not available (dyad.code.api); articles stored uncoded")
        want_code = False
    split = not want_code and coder is None  # no coding: workers split sentences
    if options.dask is not None:
        from dyad.ingest.distributed import DaskRunner

        runner = DaskRunner.open(options.dask, workers=options.workers)
    elif options.workers > 1:
        # fork: workers inherit the loaded modules; each builds its own Coder once (initializer)
        pool = mp.get_context("fork").Pool(options.workers, initializer=_init_worker,
                                            initargs=(options, columns, want_code, split))
    local: list[CoderLike | None] = [coder]
    loaded = [not want_code or pool is not None or runner is not None]

    def finish_here(batch: list[Prepared]) -> list[Prepared]:
        if not loaded[0]:
            loaded[0] = True
            local[0], why = load_coder(options.pack)
            if why:
                summary.warnings.append(why)
        return [finish(p, local[0]) for p in batch]

    def finish_in_pool(batch: list[Prepared]) -> list[Prepared]:
        done: list[Prepared] = pool.map(_finish_in_worker, batch, chunksize=max(1, len(batch) // (4 * options.workers)))
        return done

    def finish_on_cluster(batch: list[Prepared]) -> list[Prepared]:
        done: list[Prepared] = runner.finish(batch, options.pack)
        return done

    finisher = finish_here
    if want_code and pool is not None:
        finisher = finish_in_pool
    elif want_code and runner is not None:
        finisher = finish_on_cluster
    writer = _Writer(store, summary, finisher, on_failure, progress, batch_size, max_wait)
    restore = _fewer_checkpoints(store)
    if runner is not None:
        stream = runner.outcomes(refs, options, columns, split)
    elif pool is not None:
        stream = _pool_outcomes(refs, pool, options.workers)
    else:
        stream = _local_outcomes(refs, options, columns)
    try:
        for outcome in stream:
            writer.take(outcome)
        writer.flush()
    except Exception as exc:  # DuckDB turns Ctrl-C during a statement into its own error: make it Ctrl-C again
        if type(exc).__name__ == "InterruptException" or (
                isinstance(exc, RuntimeError) and "interrupted" in str(exc).lower()):
            raise KeyboardInterrupt from exc
        raise
    finally:
        stream.close()
        if pool is not None:
            pool.terminate()
            pool.join()
        if runner is not None:
            runner.close()
        restore()
    return summary


CHECKPOINT_THRESHOLD = "256MB"


def _fewer_checkpoints(store: Store) -> Callable[[], None]:
    """Raise DuckDB's WAL checkpoint threshold for the run (each checkpoint rewrites the primary-key indexes, so
    the default 16 MB makes a long ingest slow down as the store grows); return a function restoring it."""
    try:
        row = store.con.execute("SELECT current_setting('checkpoint_threshold')").fetchone()
        store.con.execute(f"SET checkpoint_threshold = '{CHECKPOINT_THRESHOLD}'")
    except Exception:  # an old or read-only database: leave the setting alone
        return lambda: None
    previous = str(row[0]) if row else "16MB"

    def restore() -> None:
        with contextlib.suppress(Exception):
            store.con.execute(f"SET checkpoint_threshold = '{previous}'")

    return restore


def _coder_importable() -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec("dyad.code.api") is not None
    except (ImportError, ValueError):
        return False


def ingest_paths(
    paths: Iterable[str],
    *,
    options: Options,
    columns: ColumnMap | None = None,
    progress: Callable[[IngestSummary], None] | None = None,
    on_failure: Callable[[Failure], None] | None = None,
) -> IngestSummary:
    """`dyad ingest`: open the store at `options.db` and ingest `paths` into it."""
    with Store(options.db) as store:
        return ingest(paths, store=store, options=options, progress=progress, on_failure=on_failure,
                      columns=columns)
