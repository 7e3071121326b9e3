"""Encryption at rest for the draft store (opt-in, per store).

Construction
------------
* The officer's passphrase (Unicode NFC, UTF-8) goes through **Argon2id** (argon2-cffi,
  ``hash_secret_raw``) with a random 16-byte salt to give a 256-bit *master key*. The salt
  and cost parameters are stored in the store's ``meta`` table, so they can be raised later
  without breaking old stores.
* A short known text sealed with the master key (the *key check*) tells a wrong passphrase
  apart from a damaged store.
* Every case has its own random 256-bit *data key*, stored only wrapped (AES-256-GCM) by the
  master key. Every revision body, the case's list summary (defendant, court, hearing date)
  and any new-version reason are sealed with that data key. Deleting a case deletes its
  wrapped key, so copies of its old pages left on disk can no longer be decrypted
  ("crypto-erase").
* Sealing is AES-256-GCM with a fresh random 96-bit nonce per message (``nonce || ciphertext
  || tag``). The associated data binds each blob to its place (store id, case id, revision
  number, purpose), so blobs cannot be swapped between rows without detection.

KDF cost on the development machine (Debian 12, 2 cores, argon2-cffi 25.1, median of 3;
re-run ``scripts/kdf_cost.py`` on the officers' laptops)::

    t=3  m=64 MiB  p=4   0.12 s      (RFC 9106 second recommendation)
    t=3  m=128 MiB p=4   0.19 s
    t=2  m=256 MiB p=4   0.30 s      <- DEFAULT_KDF: more memory beats more passes
    t=3  m=192 MiB p=4   0.31 s
    t=3  m=256 MiB p=4   0.44 s
    t=3  m=256 MiB p=1   0.75 s

The key is derived once per run (when the store is opened); saves then cost microseconds of
AES-GCM on top of the plain save.

What stays in the clear: case ids (random unless imported), revision numbers, timestamps,
status (draft/final), report version numbers and the sizes of the sealed blobs.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import asdict, dataclass

NONCE_BYTES = 12
KEY_BYTES = 32
SALT_BYTES = 16
MIN_PASSPHRASE_CHARS = 8

_KEY_CHECK_TEXT = b"psr-assist key check v1"


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost. ``memory_kib`` is in KiB, as argon2 counts it."""

    time_cost: int = 2
    memory_kib: int = 256 * 1024
    parallelism: int = 4
    alg: str = "argon2id"

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, raw: object) -> KdfParams:
        """Parameters read from a store; refuse absurd values (a tampered store must not hang us)."""
        if not isinstance(raw, dict) or raw.get("alg") != "argon2id":
            raise ValueError("unknown key derivation")
        try:
            params = cls(
                time_cost=int(raw["time_cost"]),
                memory_kib=int(raw["memory_kib"]),
                parallelism=int(raw["parallelism"]),
            )
        except (KeyError, TypeError, ValueError):
            raise ValueError("bad key derivation parameters") from None
        if not (
            1 <= params.time_cost <= 20
            and 8 <= params.memory_kib <= 4 * 1024 * 1024
            and 1 <= params.parallelism <= 16
        ):
            raise ValueError("key derivation parameters out of range")
        return params


DEFAULT_KDF = KdfParams()
# For tests only: a cost that takes a few milliseconds. Never used unless passed explicitly.
TEST_KDF = KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)


def new_key() -> bytes:
    return os.urandom(KEY_BYTES)


def normalise_passphrase(passphrase: str) -> bytes:
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def derive_master_key(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(
        normalise_passphrase(passphrase),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


class Sealer:
    """AES-256-GCM with one key. Cheap to keep: the key schedule is computed once."""

    __slots__ = ("_aead",)

    def __init__(self, key: bytes) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        if len(key) != KEY_BYTES:
            raise ValueError("an AES-256 key is 32 bytes")
        self._aead = AESGCM(key)

    def seal(self, plaintext: bytes, aad: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return nonce + self._aead.encrypt(nonce, plaintext, aad)

    def open(self, blob: bytes, aad: bytes) -> bytes:
        """Decrypt; raises ``cryptography.exceptions.InvalidTag`` when the blob or its place is wrong."""
        if len(blob) < NONCE_BYTES + 16:
            from cryptography.exceptions import InvalidTag

            raise InvalidTag()
        return self._aead.decrypt(blob[:NONCE_BYTES], blob[NONCE_BYTES:], aad)


def make_key_check(master: Sealer, store_id: str) -> bytes:
    return master.seal(_KEY_CHECK_TEXT, aad_key_check(store_id))


def key_check_ok(master: Sealer, store_id: str, blob: bytes) -> bool:
    from cryptography.exceptions import InvalidTag

    try:
        return master.open(blob, aad_key_check(store_id)) == _KEY_CHECK_TEXT
    except InvalidTag:
        return False


# Associated data: the place each sealed blob belongs to.
def aad_key_check(store_id: str) -> bytes:
    return f"psr-assist/key-check/v1|{store_id}".encode()


def aad_case_key(store_id: str, case_id: str) -> bytes:
    return f"psr-assist/case-key/v1|{store_id}|{case_id}".encode()


def aad_revision(case_id: str, number: int) -> bytes:
    return f"psr-assist/revision/v1|{case_id}|{number}".encode()


def aad_summary(case_id: str) -> bytes:
    return f"psr-assist/summary/v1|{case_id}".encode()


def aad_reason(case_id: str, number: int) -> bytes:
    return f"psr-assist/reason/v1|{case_id}|{number}".encode()
