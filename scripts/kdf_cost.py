#!/usr/bin/env python3
"""How long the passphrase key derivation (Argon2id) takes on this machine.

    python scripts/kdf_cost.py

The store's default aims at about 0.3-0.5 s, once per run. Run this on the officers' laptops
and raise or lower ``psr_assist.store.crypto.DEFAULT_KDF`` if the default is far off; stores
record their own parameters, so existing stores keep opening.
"""

from __future__ import annotations

import os
import statistics
import time

from psr_assist.store.crypto import DEFAULT_KDF, KdfParams, derive_master_key

CANDIDATES = [
    KdfParams(time_cost=3, memory_kib=64 * 1024, parallelism=4),
    KdfParams(time_cost=3, memory_kib=128 * 1024, parallelism=4),
    DEFAULT_KDF,
    KdfParams(time_cost=3, memory_kib=192 * 1024, parallelism=4),
    KdfParams(time_cost=3, memory_kib=256 * 1024, parallelism=4),
    KdfParams(time_cost=3, memory_kib=256 * 1024, parallelism=1),
]


def main() -> None:
    salt = os.urandom(16)
    print(f"CPU cores: {os.cpu_count()}")
    for params in CANDIDATES:
        times = []
        for _ in range(3):
            start = time.perf_counter()
            derive_master_key("correct horse battery staple", salt, params)
            times.append(time.perf_counter() - start)
        mark = "  <- default" if params == DEFAULT_KDF else ""
        print(
            f"t={params.time_cost} m={params.memory_kib // 1024:>3} MiB p={params.parallelism}  "
            f"median {statistics.median(times):.2f} s{mark}"
        )


if __name__ == "__main__":
    main()
