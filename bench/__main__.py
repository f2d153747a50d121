"""`python -m bench` (make bench): the ingest benchmark, then the coder and timeline benchmarks when present."""

from __future__ import annotations

import importlib
import sys


def main() -> int:
    from bench import ingest

    status = ingest.main([])
    for name in ("bench.extract", "bench.timeline"):
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            print(f"({name} not available: {exc})")
            continue
        print()
        result = module.main()
        status = status or (result if isinstance(result, int) else 0)
    return status


if __name__ == "__main__":
    sys.exit(main())
