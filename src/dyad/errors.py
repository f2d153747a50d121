"""The coded error catalogue: every error dyad reports has a stable code and one root exception.

Codes are grouped by stage: E0xx CLI/usage, E1xx ingest, E2xx knowledge, E3xx coder, E4xx store, E5xx measure/report.
Codes are never reused or renumbered; add new ones at the end of their block.
"""

from __future__ import annotations

from enum import StrEnum


class ErrorCode(StrEnum):
    """Stable error codes. The value is the code; `message` templates live in `MESSAGES`."""

    # E0xx: command line and usage
    E001 = "E001"  # usage error
    E002 = "E002"  # bad date argument
    E003 = "E003"  # Dask cluster requested but dask/distributed missing or the scheduler unreachable
    # E1xx: ingest
    E101 = "E101"  # input not found / unreadable
    E102 = "E102"  # empty input
    E103 = "E103"  # binary input
    E104 = "E104"  # undecodable bytes
    E105 = "E105"  # input over the size limit
    E106 = "E106"  # truncated or malformed HTML/WARC/feed/CSV/JSONL
    E107 = "E107"  # no article text left after extraction/cleaning
    E108 = "E108"  # bad record in a table export (missing text column, bad JSON line)
    E109 = "E109"  # bad metadata (unparseable date, bad front matter)
    # E2xx: knowledge packs
    E201 = "E201"  # pack not found
    E202 = "E202"  # schema error in a pack file
    E203 = "E203"  # inconsistent facts (dates, overlapping terms, unknown ids)
    E204 = "E204"  # pack is not a dyad pack (names no two countries)
    E205 = "E205"  # fact without a source URL or checked date
    # E3xx: event coder
    E301 = "E301"  # NLP model missing
    E302 = "E302"  # bad gold file for evaluation
    E303 = "E303"  # evaluation gate failed
    # E4xx: store
    E401 = "E401"  # database locked by another writer
    E402 = "E402"  # database schema newer than this dyad
    E403 = "E403"  # record not found
    E404 = "E404"  # write attempted on a store opened read-only
    # E5xx: measure and report
    E501 = "E501"  # not enough data for the requested measurement
    E502 = "E502"  # cannot write report


MESSAGES: dict[ErrorCode, str] = {
    ErrorCode.E001: "usage error: {detail}",
    ErrorCode.E002: "bad date {value!r}: expected YYYY-MM-DD",
    ErrorCode.E003: "Dask cluster not available: {detail}",
    ErrorCode.E101: "cannot read input: {detail}",
    ErrorCode.E102: "empty input",
    ErrorCode.E103: "binary input (not text, HTML, WARC, feed, JSONL or CSV): {detail}",
    ErrorCode.E104: "undecodable bytes: {detail}",
    ErrorCode.E105: "input is {size} bytes, over the limit of {limit} bytes",
    ErrorCode.E106: "truncated or malformed input: {detail}",
    ErrorCode.E107: "no article text found: {detail}",
    ErrorCode.E108: "bad record: {detail}",
    ErrorCode.E109: "bad metadata: {detail}",
    ErrorCode.E201: "knowledge pack not found: {detail}",
    ErrorCode.E202: "schema error: {detail}",
    ErrorCode.E203: "inconsistent knowledge: {detail}",
    ErrorCode.E204: "not a dyad pack: {detail}",
    ErrorCode.E205: "unsourced fact: {detail}",
    ErrorCode.E301: "NLP model not available: {detail}",
    ErrorCode.E302: "bad gold file: {detail}",
    ErrorCode.E303: "evaluation gate failed: {detail}",
    ErrorCode.E401: "database is locked by another writer: {detail}",
    ErrorCode.E402: "database schema version {found} is newer than this dyad supports ({supported})",
    ErrorCode.E403: "not found: {detail}",
    ErrorCode.E404: "the store was opened read-only; cannot {detail}",
    ErrorCode.E501: "not enough data: {detail}",
    ErrorCode.E502: "cannot write report: {detail}",
}


class DyadError(Exception):
    """Root of every error dyad raises on purpose. Carries a stable code and, where known, the input it concerns."""

    code: ErrorCode = ErrorCode.E001

    def __init__(self, code: ErrorCode, *, where: str | None = None, **fields: object) -> None:
        self.code = code
        self.where = where
        self.fields = fields
        template = MESSAGES[code]
        try:
            self.reason = template.format(**fields)
        except (KeyError, IndexError):
            self.reason = template
        super().__init__(self.line())

    def line(self) -> str:
        """One line for stderr: `PATH: E105 input is … bytes …`."""
        prefix = f"{self.where}: " if self.where else ""
        return f"{prefix}{self.code.value} {self.reason}"


class UsageError(DyadError):
    """Bad arguments (exit code 2)."""


class IngestError(DyadError):
    """An input that cannot become an article. Recorded in the failures table; the batch goes on."""


class KnowledgeError(DyadError):
    """A knowledge pack that is missing or fails validation."""


class CoderError(DyadError):
    """The event coder cannot run (model missing, bad gold data)."""


class StoreError(DyadError):
    """The database cannot be opened or written as asked."""


class MeasureError(DyadError):
    """A measurement or report that cannot be produced from the data at hand."""
