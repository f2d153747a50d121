"""Benchmark: timeline merging + index on synthetic events (10k / 100k / 1M), and the store path at 100k.

Run with `python -m bench` (bench/__main__.py calls `main()`) or `python bench/timeline.py`. Prints the figures
measured in this run; nothing is assumed.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from pathlib import Path

GOAL_S = 5.0  # timeline + index for 100k events
LIMIT_1M_S = 60.0


def synthetic_events(n: int, *, seed: int = 0) -> list:  # type: ignore[type-arg]
    """n events from about n/2.5 acts, each act reported by 1-4 articles at day, month or year precision."""
    from dyad.ontology import event_types
    from dyad.records import ActorRef, EventRecord

    rng = random.Random(seed)
    types = list(event_types().values())
    vocab = [f"w{i}" for i in range(3000)]
    issues = ["history.comfort_women", "history.forced_labour", "territory.dokdo_takeshima", "economy.trade",
              "economy.export_controls", "security.gsomia", "diplomacy.summit", "society.culture"]
    pairs = [("JPN", "KOR")] * 45 + [("KOR", "JPN")] * 45 + [("JPN", "CHN"), ("KOR", "USA")] * 5
    first = dt.date(1965, 1, 1).toordinal()
    days = dt.date(2026, 6, 30).toordinal() - first
    out: list[EventRecord] = []
    act = 0
    while len(out) < n:
        act += 1
        t = rng.choice(types)
        src, tgt = rng.choice(pairs)
        day = dt.date.fromordinal(first + rng.randrange(days))
        words = rng.sample(vocab, 12)
        issue = (rng.choice(issues),)
        for k in range(rng.choice((1, 1, 2, 3, 4))):
            if len(out) >= n:
                break
            precision = rng.choice(("day", "day", "day", "month", "year"))
            date = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": day.isoformat()[:4]}[precision]
            sentence = " ".join(rng.sample(words, 9) + rng.sample(vocab, 3))
            out.append(EventRecord(
                article=f"art{act}-{k}", sentence=sentence, start=0, end=len(sentence),
                source=ActorRef(src, country=src), target=ActorRef(tgt, country=tgt), event_type=t.name,
                quad_class=t.quad_class, intensity=t.intensity, modality="occurred", date=date,
                date_precision=precision,  # type: ignore[arg-type]
                date_basis="explicit", issues=issue))
    return out


def run_memory(n: int) -> dict[str, float]:
    from dyad.measure.index import index_frame, relationship_series
    from dyad.measure.timeline import merge_events

    events = synthetic_events(n)
    c0, t0 = time.process_time(), time.perf_counter()
    entries = merge_events(events)
    t1 = time.perf_counter()
    index_frame(entries, dyad=("JPN", "KOR"), freq="month", bootstrap=200)
    relationship_series(entries, dyad=("JPN", "KOR"), freq="quarter")
    c2, t2 = time.process_time(), time.perf_counter()
    return {"events": n, "entries": len(entries), "timeline_s": t1 - t0, "index_s": t2 - t1, "total_s": t2 - t0,
            "cpu_s": c2 - c0}


def _bulk_events(store: object, events: list) -> None:  # type: ignore[type-arg]
    """Write events straight into the events table with one arrow insert (bench fixture only: the store's
    per-article path is measured separately, at a small size, because it is row by row)."""
    import polars as pl

    from dyad.records import date_bounds

    rows = []
    for e in events:
        b = date_bounds(e.date)
        rows.append({
            "id": e.id, "article_id": e.article, "sentence": e.sentence, "start_char": e.start, "end_char": e.end,
            "date": e.date, "date_precision": e.date_precision, "date_basis": e.date_basis, "date_text": None,
            "date_start": b[0] if b else None, "date_end": b[1] if b else None,
            "source_text": e.source.text, "source_actor": None, "source_country": e.source.country,
            "source_kind": None, "target_text": e.target.text, "target_actor": None,
            "target_country": e.target.country, "target_kind": None, "event_type": e.event_type, "mode": None,
            "context": [], "quad_class": e.quad_class, "intensity": e.intensity, "cameo": None,
            "issues": list(e.issues), "modality": e.modality, "confidence": e.confidence, "flags": [],
            "record": "{}"})
    frame = pl.DataFrame(rows, infer_schema_length=None)
    con = store.con  # type: ignore[attr-defined]
    con.register("_bench_events", frame.to_arrow())
    con.execute("INSERT INTO events SELECT * FROM _bench_events")
    con.unregister("_bench_events")


def run_store(n: int, *, via_articles: int = 300) -> dict[str, float]:
    from dyad.measure.timeline import update_timeline
    from dyad.records import Article
    from dyad.store.db import ArticleWrite, Store

    events = synthetic_events(n, seed=1)
    small = synthetic_events(via_articles, seed=2)
    by_article: dict[str, list] = {}  # type: ignore[type-arg]
    for e in small:
        by_article.setdefault("s" + e.article, []).append(e)
    items = [ArticleWrite(Article(id=a, text=a, raw="", source=a, source_format="txt"), events=evs)
             for a, evs in by_article.items()]
    with Store(":memory:") as store:
        t0 = time.perf_counter()
        _bulk_events(store, events)
        t1 = time.perf_counter()
        first = update_timeline(store)
        t2 = time.perf_counter()
        store.add_articles(items[:1])
        t3 = time.perf_counter()
        step = update_timeline(store)
        t4 = time.perf_counter()
        store.add_articles(items[1:])
        t5 = time.perf_counter()
    return {"events": n, "bulk_insert_s": t1 - t0, "update_all_s": t2 - t1, "entries": first.entries_created,
            "one_more_article_s": t4 - t3, "one_more_events": step.events_added,
            "add_articles_events": via_articles - len(items[0].events), "add_articles_s": t5 - t4}


def _load() -> str:
    try:
        return Path("/proc/loadavg").read_text().split(" ", 1)[0]
    except OSError:
        return "unknown"


def main() -> None:
    print(f"load average before: {_load()}")
    print("timeline + index (in memory: merge_events, monthly index with 200 bootstrap draws, quarterly level)")
    results = {}
    for n in (10_000, 100_000):
        r = run_memory(n)
        results[n] = r
        print(f"  {n:>9,} events -> {int(r['entries']):>8,} entries: timeline {r['timeline_s']:.2f} s, "
              f"index {r['index_s']:.2f} s, total {r['total_s']:.2f} s wall ({r['cpu_s']:.2f} s CPU)")
    total_100k = results[100_000]["total_s"]
    cpu_100k = results[100_000]["cpu_s"]
    verdict = "meets" if total_100k < GOAL_S else "MISSES"
    print(f"  100k total {total_100k:.2f} s wall, {cpu_100k:.2f} s CPU: {verdict} the goal of < {GOAL_S:.0f} s "
          f"(wall; the machine's load average was {_load()} — other processes slow wall time)")
    # measured 10k -> 100k growth of CPU time (wall time on a shared machine mostly measures the neighbours), the
    # same growth again for 100k -> 1M (were merging superlinear in density, this would show it), and at least
    # linear (a small run's fixed costs can make the measured growth look better than it is)
    growth = cpu_100k / max(results[10_000]["cpu_s"], 1e-9)
    projected = cpu_100k * max(growth, 10.0)
    print(f"  CPU growth 10k -> 100k: x{growth:.1f} (x10 is linear); 1M projected {projected:.0f} s CPU")
    if projected < LIMIT_1M_S:
        r = run_memory(1_000_000)
        print(f"  1,000,000 events -> {int(r['entries']):,} entries: timeline {r['timeline_s']:.2f} s, "
              f"index {r['index_s']:.2f} s, total {r['total_s']:.2f} s wall ({r['cpu_s']:.2f} s CPU, "
              f"x{r['total_s'] / total_100k:.1f} of 100k wall, x{r['cpu_s'] / cpu_100k:.1f} CPU)")
    else:
        print(f"  1,000,000 events skipped: projected {projected:.0f} s CPU (100k CPU time x the measured 10k->100k "
              f"growth x{growth:.1f}), over the {LIMIT_1M_S:.0f} s limit")
    s = run_store(100_000)
    print(f"store path, 100k events (bulk-written): update_timeline from scratch {s['update_all_s']:.2f} s "
          f"({int(s['entries']):,} entries); then one more article ({int(s['one_more_events'])} event(s)) "
          f"{s['one_more_article_s'] * 1000:.0f} ms incremental")
    print(f"  (for scale: Store.add_articles wrote {int(s['add_articles_events']):,} events in "
          f"{s['add_articles_s']:.2f} s — the ingest path, row by row)")

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    main()
