"""Duplicates: exact copies share an article id (a hash of the normalised clean text); near-duplicates
(syndicated copies with other boilerplate or small edits) are found by MinHash over word 5-shingles.

Parameters: datasketch's MinHash ("legacy" scheme, reimplemented in numpy over vectorised shingle hashes),
128 permutations (seed 1), LSH with 16 bands of 8 rows; a candidate sharing a band is linked when
its estimated Jaccard similarity is at least 0.8. With 16x8 bands a pair at similarity 0.8 becomes a candidate
with probability 0.95, at 0.7 with 0.61, at 0.5 with 0.06. Signatures are stored as 128 little-endian uint32
(512 bytes) in `articles.minhash`; band hashes (64-bit) in `minhash_bands`.
"""

from __future__ import annotations

import hashlib
import zlib
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
    """The word k-shingles of a text (normalised as for its id), as bytes. For tests and inspection."""
    words = normalise_for_id(text).split()
    if len(words) <= k:
        return [" ".join(words).encode("utf-8")] if words else []
    return [" ".join(words[i:i + k]).encode("utf-8") for i in range(len(words) - k + 1)]


_MERSENNE = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)
_MIX = np.uint64(0x9E3779B97F4A7C15)
_FMIX1 = np.uint64(0xFF51AFD7ED558CCD)
_FMIX2 = np.uint64(0xC4CEB9FE1A85EC53)


@lru_cache(maxsize=4)
def _permutations(num_perm: int = NUM_PERM, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    gen = np.random.RandomState(seed)
    pairs = np.array([(gen.randint(1, (1 << 61) - 1, dtype=np.uint64), gen.randint(0, (1 << 61) - 1, dtype=np.uint64))
                      for _ in range(num_perm)], dtype=np.uint64).T
    return pairs[0], pairs[1]


def shingle_hashes(text: str, k: int = SHINGLE) -> np.ndarray:
    """32-bit hashes of the word k-shingles of a text, computed in numpy from per-word CRC-32s.

    Each shingle's hash is a polynomial of its words' CRC-32s finished with MurmurHash3's 64-bit mixer, top
    32 bits; `shingle_hash` is the same function for one shingle.
    """
    words = normalise_for_id(text).split()
    if not words:
        return np.zeros(0, dtype=np.uint64)
    table: dict[str, int] = {}
    codes = np.fromiter((table[w] if w in table else table.setdefault(w, zlib.crc32(w.encode("utf-8")))
                         for w in words), dtype=np.uint64, count=len(words))
    n = max(len(words) - k + 1, 1)
    acc = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(min(k, len(words))):
            acc = acc * _MIX + codes[j:j + n] + np.uint64(1)
        acc ^= acc >> np.uint64(33)
        acc *= _FMIX1
        acc ^= acc >> np.uint64(33)
        acc *= _FMIX2
        acc ^= acc >> np.uint64(33)
    out: np.ndarray = acc >> np.uint64(32)
    return out


def shingle_hash(shingle: bytes) -> int:
    """The hash `shingle_hashes` gives one shingle (b"w1 w2 w3 w4 w5"): usable as a datasketch `hashfunc`."""
    mask = (1 << 64) - 1
    acc = 0
    for w in shingle.decode("utf-8").split():
        acc = (acc * 0x9E3779B97F4A7C15 + zlib.crc32(w.encode("utf-8")) + 1) & mask
    acc ^= acc >> 33
    acc = (acc * 0xFF51AFD7ED558CCD) & mask
    acc ^= acc >> 33
    acc = (acc * 0xC4CEB9FE1A85EC53) & mask
    acc ^= acc >> 33
    return acc >> 32


def minhash_of(hashes: np.ndarray, num_perm: int = NUM_PERM, seed: int = SEED) -> np.ndarray:
    """datasketch's MinHash over 32-bit item hashes (universal hashing mod 2**61-1, "legacy" scheme), in numpy.

    Equal to `datasketch.MinHash(num_perm, seed, hashfunc=…, scheme="legacy").update_batch(items).hashvalues`
    (tests check it); reimplemented because importing datasketch pulls in scipy (seconds of start-up in every
    process) and hashing items one by one in Python is the slowest step of ingest.
    """
    a, b = _permutations(num_perm, seed)
    if hashes.size == 0:
        return np.full(num_perm, _MAX_HASH, dtype=np.uint64)
    with np.errstate(over="ignore"):
        phv = (np.outer(hashes.astype(np.uint64), a) + b) % _MERSENNE & _MAX_HASH
    out: np.ndarray = phv.min(axis=0)
    return out


def signature(text: str) -> Signature:
    """MinHash signature and LSH band hashes of a text."""
    values = minhash_of(shingle_hashes(text)).astype("<u4")
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
