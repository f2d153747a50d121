"""Duplicates: exact copies share an article id (a hash of the normalised clean text); near-duplicates
(syndicated copies with other boilerplate or small edits) are found by MinHash over word 5-shingles.

Parameters: datasketch's MinHash ("legacy" scheme, reimplemented in numpy), 128 permutations (seed 1), LSH with 16 bands of 8 rows; a candidate sharing a band is linked when
its estimated Jaccard similarity is at least 0.8. With 16x8 bands a pair at similarity 0.8 becomes a candidate
with probability 0.95, at 0.7 with 0.61, at 0.5 with 0.06. Signatures are stored as 128 little-endian uint32
(512 bytes) in `articles.minhash`; band hashes (64-bit) in `minhash_bands`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from dyad.records import normalise_for_id

NUM_PERM = 128
BANDS = 16
ROWS = 8
SHINGLE = 5
THRESHOLD = 0.8
SEED = 1


@dataclass(frozen=True, slots=True)
class Signature:
    values: bytes  # NUM_PERM little-endian uint32
    bands: tuple[tuple[int, int], ...]


def shingles(text: str, k: int = SHINGLE) -> list[bytes]:
    words = normalise_for_id(text).split()
    if len(words) <= k:
        return [" ".join(words).encode("utf-8")] if words else []
    return [" ".join(words[i:i + k]).encode("utf-8") for i in range(len(words) - k + 1)]


_MERSENNE = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)


@lru_cache(maxsize=4)
def _permutations(num_perm: int = NUM_PERM, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    gen = np.random.RandomState(seed)
    pairs = np.array([(gen.randint(1, (1 << 61) - 1, dtype=np.uint64), gen.randint(0, (1 << 61) - 1, dtype=np.uint64))
                      for _ in range(num_perm)], dtype=np.uint64).T
    return pairs[0], pairs[1]


def minhash(items: Sequence[bytes], num_perm: int = NUM_PERM, seed: int = SEED) -> np.ndarray:
    """datasketch's MinHash (SHA-1 32-bit item hashes, universal hashing mod 2**61-1), in numpy.

    The same numbers as `datasketch.MinHash(num_perm, seed, scheme="legacy").update_batch(items).hashvalues`
    (tests check it); reimplemented because importing datasketch pulls in scipy (seconds of start-up in every
    process).
    """
    a, b = _permutations(num_perm, seed)
    if not items:
        return np.full(num_perm, _MAX_HASH, dtype=np.uint64)
    hv = np.fromiter((int.from_bytes(hashlib.sha1(x).digest()[:4], "little") for x in items),
                     dtype=np.uint64, count=len(items))
    with np.errstate(over="ignore"):
        phv = (np.outer(hv, a) + b) % _MERSENNE & _MAX_HASH
    out: np.ndarray = phv.min(axis=0)
    return out


def signature(text: str) -> Signature:
    """MinHash signature and LSH band hashes of a text."""
    values = minhash(shingles(text)).astype("<u4")
    return Signature(values.tobytes(), band_hashes(values))


def band_hashes(values: np.ndarray) -> tuple[tuple[int, int], ...]:
    out = []
    for b in range(BANDS):
        chunk = values[b * ROWS:(b + 1) * ROWS].astype("<u4").tobytes()
        out.append((b, int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "little")))
    return tuple(out)


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two stored signatures."""
    va = np.frombuffer(a, dtype="<u4")
    vb = np.frombuffer(b, dtype="<u4")
    if va.shape != vb.shape or va.size == 0:
        return 0.0
    return float(np.mean(va == vb))


def best_match(sig: bytes, candidates: Sequence[tuple[str, bytes | None]],
               threshold: float = THRESHOLD) -> tuple[str, float] | None:
    """The most similar candidate at or above the threshold (ties: the first stored), or None."""
    best: tuple[str, float] | None = None
    for cid, other in candidates:
        if other is None:
            continue
        sim = similarity(sig, other)
        if sim >= threshold and (best is None or sim > best[1]):
            best = (cid, sim)
    return best
