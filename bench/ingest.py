"""Benchmark: ingest throughput (articles/s, words/s) and peak memory, without NLP (`--no-code` semantics).

Builds a seeded synthetic corpus of ~800-word articles in mixed formats (txt, md with front matter, html pages,
jsonl files of 25 records) in a temporary folder and ingests it into a fresh store with 1 and 2 worker
processes; then 1,000 against 2,000 articles with 1 worker to show memory does not grow with the corpus.
Each configuration runs in its own Python process, so peak RSS (getrusage of the process and of its worker
children) belongs to that run alone; DuckDB's own buffer memory (duckdb_memory(), which caches written blocks up to its memory limit)
is shown beside it. Timings exclude interpreter start-up and imports (done before the clock
starts). Prints the figures measured in this run; nothing is assumed.

Run with `python -m bench` or `python -m bench.ingest [--articles N]`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TARGET_PER_SECOND = 200  # one worker, no NLP
_VOCABULARY = ("the of and to in a that said would government minister talks summit agreement treaty court ruling "
         "export controls trade security alliance history apology compensation relations officials president "
         "prime foreign ministry spokesman dispute islands intelligence sharing pact cooperation tension "
         "visit leaders meeting economic supply chain semiconductor materials public opinion poll survey "
         "election campaign policy diplomatic protest ambassador summoned statement press conference week "
         "month year since last next future past colonial rule wartime labour victims families fund "
         "foundation companies steel shipbuilding assets seized liquidate retaliate sanctions missile launch "
         "north nuclear test defence drill navy coast guard fishing boats waters zone claim")
WORDS = _VOCABULARY.split()
NAMES = ["Seoul", "Tokyo", "Japan", "South Korea", "Washington", "Beijing", "Yoon", "Kishida", "Moon", "Abe"]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(14, 24))]
    words[rng.randrange(len(words))] = rng.choice(NAMES)
    return " ".join(words).capitalize() + "."


def _article(rng: random.Random, n_words: int = 800) -> str:
    paras: list[str] = []
    count = 0
    while count < n_words:
        para = " ".join(_sentence(rng) for _ in range(rng.randint(3, 6)))
        count += len(para.split())
        paras.append(para)
    return "\n\n".join(paras)


def build_corpus(folder: Path, n: int, *, seed: int = 1965) -> int:
    """Write `n` articles in mixed formats under `folder`; return the number of words written."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    i = 0
    batch: list[str] = []
    while i < n:
        kind = ("txt", "md", "html", "jsonl")[i % 4]
        text = _article(rng)
        words += len(text.split())
        date = f"20{rng.randint(15, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        sub = folder / f"d{i // 500:03d}"
        sub.mkdir(exist_ok=True)
        if kind == "txt":
            (sub / f"a{i:06d}.txt").write_text(text + "\n\nSign up for our daily briefing\n")
        elif kind == "md":
            (sub / f"a{i:06d}.md").write_text(f"---\ntitle: Article {i}\ndate: {date}\noutlet: Bench Wire\n---\n\n"
                                              f"# Article {i}\n\n5 min read\n\n{text}\n")
        elif kind == "html":
            body = "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
            (sub / f"a{i:06d}.html").write_text(
                f"<!DOCTYPE html><html><head><title>Article {i}</title><meta name='author' content='A. Writer'>"
                f"<meta property='article:published_time' content='{date}'></head><body><nav><a href='/'>Home"
                f"</a> <a href='/world'>World</a></nav><article><h1>Article {i}</h1>{body}<p>Share this article"
                f"</p></article><footer>© 2024 Bench Media. All rights reserved.</footer></body></html>")
        else:
            batch.append(json.dumps({"title": f"Article {i}", "text": text, "date": date, "url": f"https://b.x/{i}"}))
            if len(batch) == 25:
                (sub / f"a{i:06d}.jsonl").write_text("\n".join(batch) + "\n")
                batch = []
        i += 1
    if batch:
        (folder / "rest.jsonl").write_text("\n".join(batch) + "\n")
    return words


def run_once(corpus: str, db: str, workers: int) -> dict[str, Any]:
    """Ingest `corpus` into a fresh `db`; runs inside its own process (see main)."""
    import dateparser  # noqa: F401  - imports are start-up, not ingest: load them before the clock
    import trafilatura  # noqa: F401

    from dyad.config import Options
    from dyad.ingest import ingest
    from dyad.ingest.metadata import detect_language
    from dyad.store import Store

    detect_language("warm up the language model")
    options = Options(db=Path(db), workers=workers, code_events=False)
    with Store(options.db) as store:
        start = time.perf_counter()
        summary = ingest([corpus], store=store, options=options)
        seconds = time.perf_counter() - start
        words = store.query("SELECT sum(len(string_split_regex(trim(text), '\\s+'))) AS w FROM articles")[0]["w"]
        duck = store.query("SELECT sum(memory_usage_bytes) AS b FROM duckdb_memory()")[0]["b"] or 0
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"workers": workers, "seconds": seconds, **summary.as_dict(), "words": int(words or 0),
            "rss_main_mb": me / 1024, "rss_worker_mb": kids / 1024 if workers > 1 else 0.0,
            "duckdb_mb": duck / 2**20}


def _child(corpus: Path, db: Path, workers: int) -> dict[str, Any]:
    out = subprocess.run([sys.executable, "-m", "bench.ingest", "--run", str(corpus), str(db), str(workers)],
                         capture_output=True, text=True, check=True, cwd=Path(__file__).resolve().parent.parent)
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _settle(root: Path) -> None:
    """Flush the freshly written corpus to disk and read it once, so the first timed run does not pay for the
    kernel's write-back and cold page cache while later runs do not."""
    os.sync()
    for path in root.rglob("*"):
        if path.is_file():
            path.read_bytes()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.ingest", description=__doc__)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--run", nargs=3, metavar=("CORPUS", "DB", "WORKERS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv if argv is not None else [])
    if args.run:
        print(json.dumps(run_once(args.run[0], args.run[1], int(args.run[2]))))
        return 0
    n = args.articles
    print(f"== ingest benchmark: {n} synthetic ~800-word articles (txt/md/html/jsonl), no NLP ==")
    with tempfile.TemporaryDirectory(prefix="dyad-bench-") as tmp:
        root = Path(tmp)
        t0 = time.perf_counter()
        written = build_corpus(root / "full", n)
        build_corpus(root / "half", n // 2)
        print(f"corpus built in {time.perf_counter() - t0:.1f}s ({written} words)")
        _settle(root)
        rows = []
        for label, corpus, workers in (("full", root / "full", 1), ("full", root / "full", 2),
                                       ("half", root / "half", 1)):
            r = _child(corpus, root / f"{label}_{workers}.duckdb", workers)
            r["articles"] = r["stored"]
            rows.append(r)
            print(f"{r['articles']:>6} articles  workers={workers}  {r['seconds']:6.2f}s  "
                  f"{r['articles'] / r['seconds']:7.1f} articles/s  {r['words'] / r['seconds']:9.0f} words/s  "
                  f"peak RSS main {r['rss_main_mb']:.0f} MB (DuckDB buffers {r['duckdb_mb']:.0f} MB)"
                  + (f", largest worker {r['rss_worker_mb']:.0f} MB" if workers > 1 else "")
                  + (f"  (failed {r['failed']})" if r["failed"] else ""))
        one, two, half = rows
        rate1 = one["articles"] / one["seconds"]
        print(f"speed-up 2 workers / 1 worker: {(two['articles'] / two['seconds']) / rate1:.2f}x")
        print(f"peak RSS, 1 worker: {half['articles']} articles {half['rss_main_mb']:.0f} MB, "
              f"{one['articles']} articles {one['rss_main_mb']:.0f} MB "
              f"(ratio {one['rss_main_mb'] / half['rss_main_mb']:.2f})")
        verdict = "meets" if rate1 >= TARGET_PER_SECOND else "BELOW"
        print(f"target >= {TARGET_PER_SECOND} articles/s on one worker: {verdict} ({rate1:.0f}/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
