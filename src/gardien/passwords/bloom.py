"""A small Bloom filter: the offline list of breached passwords ships as bits, not as the passwords."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass
class BloomFilter:
    """`bits` holds `size` bits; each item sets `hashes` of them (double hashing on SHA-256)."""

    bits: bytearray | bytes
    size: int
    hashes: int

    def _positions(self, item: str):
        digest = hashlib.sha256(item.encode("utf-8")).digest()
        first = int.from_bytes(digest[:8], "big")
        second = int.from_bytes(digest[8:16], "big") | 1
        for index in range(self.hashes):
            yield (first + index * second) % self.size

    def add(self, item: str) -> None:
        for position in self._positions(item):
            self.bits[position // 8] |= 1 << (position % 8)

    def might_contain(self, item: str) -> bool:
        """False: certainly absent. True: present, or a false positive at the documented rate."""
        return all(self.bits[p // 8] & (1 << (p % 8)) for p in self._positions(item))
