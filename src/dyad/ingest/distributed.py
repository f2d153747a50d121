"""Ingest's per-document work on a Dask cluster; the one writer stays in this (the client) process.

`DaskRunner` is the Dask counterpart of the local process pool in `dyad.ingest.pipeline`: it sends the same task
functions (`pipeline.prepare_input`: read, clean, language, MinHash, sentences; `pipeline.finish`: coding) to a
`distributed.Client` and hands the outcomes back to the pipeline's writer, in input order, so a cluster run stores
exactly what a local run stores (same kept copy of a duplicate, same near-duplicate links, same failures).

Bounded memory: inputs are sent in chunks of `chunk` with at most `2 * slots` chunks in flight (`slots` = the
cluster's worker threads), so neither this process nor the cluster ever holds more than a window of the corpus.
Each worker process builds its Coder once, on first use, and keeps it (`_worker_coder`).

dask and distributed are optional (`pip install 'dyad[dask]'`) and imported only here, only when asked for.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Generator, Iterator
from dataclasses import replace
from typing import Any

from dyad.config import Options
from dyad.errors import ErrorCode, IngestError, UsageError
from dyad.ingest import pipeline
from dyad.ingest.pipeline import CoderLike, Outcome, Prepared
from dyad.ingest.readers import ColumnMap
from dyad.ingest.sources import InputRef
from dyad.records import Failure

LOCAL = "local"
INSTALL_HINT = "pip install 'dyad[dask]'"
CONNECT_TIMEOUT = 30.0  # seconds to reach a scheduler and to see its first worker


def require_distributed() -> Any:
    """The `distributed` module, or a UsageError (E003) saying how to install it."""
    try:
        import dask  # noqa: F401  (distributed needs it; import both so a half install is caught here)
        import distributed
    except ImportError as exc:
        raise UsageError(ErrorCode.E003, detail=f"dask and distributed are not installed ({exc}); "
                                                f"install them with: {INSTALL_HINT}") from exc
    return distributed


# -- worker side ----------------------------------------------------------------------------------------------------

_CODERS: dict[str, tuple[CoderLike | None, str | None, threading.Lock]] = {}
_CODERS_LOCK = threading.Lock()


def _worker_coder(pack: str) -> tuple[CoderLike | None, str | None, threading.Lock]:
    """This worker process's Coder for `pack` (built on first use, then kept), why it is missing, and a lock:
    worker threads take turns with it (the Coder is not documented as thread-safe)."""
    with _CODERS_LOCK:
        if pack not in _CODERS:
            coder, why = pipeline.load_coder(pack)
            _CODERS[pack] = (coder, why, threading.Lock())
        return _CODERS[pack]


def read_chunk(refs: list[InputRef], options: Options, columns: ColumnMap | None, split: bool) -> list[Outcome]:
    """Task: every outcome of a chunk of inputs, in order (the same work as one local pool task per input)."""
    return [outcome for ref in refs for outcome in pipeline.prepare_input(ref, options, columns, split)]


def code_chunk(batch: list[Prepared], pack: str) -> list[Prepared]:
    """Task: sentences and coding for new articles, with this worker's Coder."""
    coder, why, lock = _worker_coder(pack)
    if coder is None:
        return [replace(pipeline.finish(p, None), warning=why) for p in batch]
    with lock:
        return [pipeline.finish(p, coder) for p in batch]


# -- client side ----------------------------------------------------------------------------------------------------

class DaskRunner:
    """Sends ingest's per-document work to a Dask cluster and yields the results, in input order, to the writer."""

    def __init__(self, client: Any, *, cluster: Any = None, chunk: int = 8) -> None:
        self.client = client
        self.cluster = cluster  # a LocalCluster this runner started (closed with it), else None
        self.chunk = max(1, chunk)
        self.slots = max(1, sum(client.nthreads().values()))

    @classmethod
    def open(cls, address: str, *, workers: int = 1, chunk: int = 8) -> DaskRunner:
        """Connect to the scheduler at `address`, or start a LocalCluster of `workers` single-threaded processes
        for `address == "local"`. UsageError E003 when dask is missing or no scheduler/worker answers."""
        distributed = require_distributed()
        cluster = client = None
        try:
            if address == LOCAL:
                cluster = distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                   dashboard_address=":0")
                client = distributed.Client(cluster, set_as_default=False)
            else:
                client = distributed.Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
                client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            if client is not None:
                client.close()
            if cluster is not None:
                cluster.close()
            raise UsageError(ErrorCode.E003, detail=f"no Dask scheduler with workers at {address!r} "
                                                    f"({type(exc).__name__}: {exc})") from exc
        return cls(client, cluster=cluster, chunk=chunk)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()

    def outcomes(self, refs: Iterator[InputRef | Failure], options: Options, columns: ColumnMap | None,
                 split: bool) -> Generator[Outcome, None, None]:
        """Outcomes of `refs`, in input order; at most `2 * slots` chunks of `chunk` inputs in flight."""
        window: deque[tuple[Any, list[InputRef]]] = deque()
        limit = 2 * self.slots
        chunk: list[InputRef] = []

        def submit(part: list[InputRef]) -> None:
            try:
                future = self.client.submit(read_chunk, part, options, columns, split, pure=False)
            except Exception as exc:
                self._check_connected(exc)
                raise
            window.append((future, part))

        for ref in refs:
            if isinstance(ref, Failure):
                yield ref
                continue
            chunk.append(ref)
            if len(chunk) >= self.chunk:
                submit(chunk)
                chunk = []
                while len(window) >= limit:
                    yield from self._results(*window.popleft(), options, columns, split)
        if chunk:
            submit(chunk)
        while window:
            yield from self._results(*window.popleft(), options, columns, split)

    def _results(self, future: Any, part: list[InputRef], options: Options, columns: ColumnMap | None,
                 split: bool) -> list[Outcome]:
        """A chunk's outcomes. When the task itself failed (a worker died, a result that did not pickle), each
        input is retried alone, and one that fails again becomes a Failure (E106) like an unexpected error in
        the local path; the batch goes on."""
        try:
            result: list[Outcome] = future.result()
            return result
        except Exception as exc:
            self._check_connected(exc)
        out: list[Outcome] = []
        for ref in part:
            try:
                out.extend(self.client.submit(read_chunk, [ref], options, columns, split, pure=False).result())
            except Exception as exc:
                self._check_connected(exc)
                err = IngestError(ErrorCode.E106, where=ref.name, detail=f"unexpected {type(exc).__name__}: {exc}")
                out.append(Failure(ref.name, err.code.value, err.reason))
        return out

    def _check_connected(self, exc: Exception) -> None:
        """A task failed: carry on when the cluster is still there; else stop the run (E003). What was written is
        kept; a re-run skips it and completes the rest."""
        if self.client.status != "running":
            why = " ".join(str(exc).split())
            raise UsageError(ErrorCode.E003, detail=f"lost the Dask scheduler ({type(exc).__name__}: {why}); "
                                                    "what was written is kept, re-run to complete the rest") from exc

    def finish(self, batch: list[Prepared], pack: str) -> list[Prepared]:
        """Sentences and coding for a batch of new articles, spread over the cluster; results in batch order.
        A chunk whose task fails is stored uncoded with a warning, never lost."""
        size = max(1, -(-len(batch) // self.slots))
        parts = [batch[i:i + size] for i in range(0, len(batch), size)]
        try:
            futures = self.client.map(code_chunk, parts, pack=pack, pure=False)
        except Exception as exc:
            self._check_connected(exc)
            raise
        done: list[Prepared] = []
        for future, part in zip(futures, parts, strict=True):
            try:
                done.extend(future.result())
            except Exception as exc:
                self._check_connected(exc)
                done.extend(replace(pipeline.finish(p, None), warning=f"{p.article.source}: coding on the Dask "
                                    f"cluster failed ({type(exc).__name__}: {exc}); stored uncoded") for p in part)
        return done
