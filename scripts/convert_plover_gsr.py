"""Convert the PLOVER gold-standard records (CC BY-SA 4.0, Open Event Data Alliance) into dyad's gold format.

Usage: python scripts/convert_plover_gsr.py ../shared/data/plover_gsr/PLOVER_GSR_CAMEO.json tests/data/gold/plover_gsr.jsonl

Old PLOVER 0.5 types are mapped to today's names following the OEDA's CAMEO2PLOVER-2021 table:
DEMAND -> REQUEST, DISAPPROVE -> ACCUSE (mode disapprove), FIGHT -> ASSAULT, INVESTIGATE -> ACCUSE (mode investigate).
CAMEO actor codes that are not ISO 3166 alpha-3 are normalised (JAP -> JPN, ITL -> ITA, VTN -> VAT); non-state codes
(IGO, NGO, IMG, ISM) keep the code in `source_code`/`target_code` with a null country.
The records annotate one primary event per sentence and no dates, modality or perceptions: they are marked
`annotation: "primary"` and those fields are null (not evaluated), never guessed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

TYPE_MAP = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT", "INVESTIGATE": "ACCUSE"}
MODE_FOR_OLD = {"DISAPPROVE": "disapprove", "INVESTIGATE": "investigate"}
CODE_MAP = {"JAP": "JPN", "ITL": "ITA", "VTN": "VAT"}
NON_STATE = {"IGO", "NGO", "IMG", "ISM"}
QUAD = {
    "AGREE": "verbal_coop", "CONSULT": "verbal_coop", "SUPPORT": "verbal_coop", "CONCEDE": "verbal_coop",
    "COOPERATE": "material_coop", "AID": "material_coop", "RETREAT": "material_coop",
    "REQUEST": "verbal_conflict", "ACCUSE": "verbal_conflict", "REJECT": "verbal_conflict",
    "THREATEN": "verbal_conflict", "PROTEST": "material_conflict", "SANCTION": "material_conflict",
    "MOBILIZE": "material_conflict", "COERCE": "material_conflict", "ASSAULT": "material_conflict",
}


def _codes(value: object) -> list[str | None]:
    if not isinstance(value, list) or not value:
        return [None]
    out: list[str | None] = []
    for actor in value:
        code = actor.get("code") if isinstance(actor, dict) else None
        out.append(CODE_MAP.get(code, code) if code else None)
    return out or [None]


def convert(records: list[dict[str, object]]) -> list[dict[str, object]]:
    items = []
    seen: dict[str, int] = {}
    for rec in records:
        old = str(rec.get("event", ""))
        if old == "DOCUMENT" or not rec.get("text"):
            continue
        event_type = TYPE_MAP.get(old, old)
        events = []
        for src in _codes(rec.get("source")):
            for tgt in _codes(rec.get("target")):
                if src is not None and src == tgt:
                    continue
                events.append({
                    "source_country": None if src in NON_STATE else src,
                    "target_country": None if tgt in NON_STATE else tgt,
                    "source_code": src, "target_code": tgt,
                    "event_type": event_type, "quad_class": QUAD[event_type],
                    "mode": rec.get("mode") or MODE_FOR_OLD.get(old), "date": None, "modality": None,
                    "trigger": rec.get("eventText"),
                })
        rec_id = str(rec["id"])
        seen[rec_id] = seen.get(rec_id, 0) + 1
        if seen[rec_id] > 1:  # the source file reuses a few ids; keep them apart
            rec_id = f"{rec_id}-dup{seen[rec_id]}"
        items.append({
            "id": rec_id, "text": rec["text"], "published": None, "origin": "plover_gsr",
            "annotation": "primary", "events": events, "perceptions": None,
            "note": f"PLOVER 0.5b1 type {old}",
        })
    return items


def main(argv: list[str]) -> int:
    src, dst = Path(argv[1]), Path(argv[2])
    items = convert(json.loads(src.read_text(encoding="utf-8")))
    with dst.open("w", encoding="utf-8") as fh:
        for item in items:
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")
    print(f"wrote {len(items)} items to {dst}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
