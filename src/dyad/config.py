"""Options: one frozen, validated object holding every setting a run uses, passed down explicitly.

Layers, lowest first: defaults here, environment (`DYAD_DB`, `DYAD_MAX_BYTES`, `DYAD_PACK`), then command-line
arguments. Nothing reads the environment after `Options.from_env()` has built the object.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from dyad.errors import ErrorCode, UsageError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Options:
    db: Path = Path("dyad.duckdb")
    max_bytes: int = DEFAULT_MAX_BYTES
    published: dt.date | None = None  # publication date for inputs that do not state one
    outlet: str | None = None
    pack: str = "jpn_kor"
    workers: int = 1
    code_events: bool = True  # run the event coder during ingest
    dask: str | None = None  # Dask scheduler address for ingest's per-document work, or "local" for a LocalCluster

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise UsageError(ErrorCode.E001, detail=f"max_bytes must be positive, got {self.max_bytes}")
        if self.workers < 1:
            raise UsageError(ErrorCode.E001, detail=f"workers must be at least 1, got {self.workers}")
        if self.dask is not None and not self.dask.strip():
            raise UsageError(ErrorCode.E001, detail="dask must be a scheduler address or 'local', got ''")

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, **overrides: Any) -> Options:
        """Defaults, then environment variables, then explicit overrides (None means 'not given')."""
        env = dict(os.environ) if env is None else env
        values: dict[str, Any] = {}
        if env.get("DYAD_DB"):
            values["db"] = Path(env["DYAD_DB"])
        if env.get("DYAD_MAX_BYTES"):
            try:
                values["max_bytes"] = int(env["DYAD_MAX_BYTES"])
            except ValueError as exc:
                raise UsageError(ErrorCode.E001, detail=f"DYAD_MAX_BYTES is not an integer: {env['DYAD_MAX_BYTES']!r}") from exc
        if env.get("DYAD_PACK"):
            values["pack"] = env["DYAD_PACK"]
        values.update({k: v for k, v in overrides.items() if v is not None})
        if "db" in values:
            values["db"] = Path(values["db"])
        return cls(**values)

    def with_(self, **changes: Any) -> Options:
        return replace(self, **changes)


def parse_date(value: str | None) -> dt.date | None:
    """Parse a YYYY-MM-DD command-line date; a clear usage error otherwise."""
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise UsageError(ErrorCode.E002, value=value) from exc
