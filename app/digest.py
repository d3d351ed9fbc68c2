"""SHA-256 without loading OpenSSL.

``hashlib`` loads OpenSSL's libcrypto on import, which costs Facewell's window some
3.4 MiB of resident memory for the whole session (issue 18) in an app that never
opens a network connection. CPython's own SHA-256 gives the same digests; where a
build lacks it, hashlib's is used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Protocol, cast

__all__ = ["Hash", "sha256"]


class Hash(Protocol):
    def update(self, data: bytes, /) -> None: ...
    def hexdigest(self) -> str: ...


def _constructor() -> Callable[[], Hash]:
    # CPython's own module: _sha2 from 3.12, _sha256 in 3.11.
    for name in ("_sha2", "_sha256"):
        try:
            return cast(Callable[[], Hash], importlib.import_module(name).sha256)
        except (ImportError, AttributeError):
            continue
    import hashlib

    return hashlib.sha256


_SHA256 = _constructor()


def sha256(data: bytes = b"") -> Hash:
    """A SHA-256 hash of ``data``, to which more may be added with ``update``."""
    hash_ = _SHA256()
    hash_.update(data)
    return hash_
