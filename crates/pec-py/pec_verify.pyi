"""Verify Italian PEC receipts and envelopes: the same reports as `pec-verify --json`."""

from os import PathLike
from typing import Any, Sequence, Tuple, Union

Anchor = Union[str, bytes]
"""A trust anchor file's content: PEM text (one or several certificates) or DER bytes."""

Crl = Union[str, bytes]
"""A certificate revocation list file's content: PEM text (one or several lists) or DER bytes."""

def verify(
    data: bytes,
    *,
    trust: Union[Anchor, Sequence[Anchor], None] = None,
    crl: Union[Crl, Sequence[Crl], None] = None,
    at: Union[str, None] = None,
    name: str = "-",
) -> dict[str, Any]:
    """The report of `data`, as `pec-verify --json` prints it for the same bytes and options.

    `trust` adds anchors (a self-signed certificate becomes a root, any other a PEC CA); `crl`
    gives revocation lists of the PEC CAs, as `pec-verify --crl` reads them; `at`
    judges certificate validity at that RFC 3339 time instead of the signing time; `name` is
    the report's `file`. The interpreter's lock is released while the core works. Raises
    `ValueError`, saying why, for an unusable option.
    """

def verify_file(
    path: Union[str, PathLike[str]],
    *,
    trust: Union[Anchor, Sequence[Anchor], None] = None,
    crl: Union[Crl, Sequence[Crl], None] = None,
    at: Union[str, None] = None,
) -> dict[str, Any]:
    """The report of the file at `path`, named as the path. Raises `OSError` when it cannot be read."""

def dossier(
    files: Sequence[Union[str, PathLike[str], Tuple[str, bytes]]],
    *,
    trust: Union[Anchor, Sequence[Anchor], None] = None,
    crl: Union[Crl, Sequence[Crl], None] = None,
    at: Union[str, None] = None,
) -> dict[str, Any]:
    """The files (paths, or `(name, bytes)` pairs) put together by sending, as
    `pec-verify --dossier --json` prints them: `{"schema_version", "dossiers", "files"}`."""

class Verifier:
    """Options kept, and what was learnt (the provider certificate links checked) reused from
    one file to the next: for many files, one verifier per thread is much quicker than the
    functions. Each call is judged at the present moment."""

    def __init__(
        self,
        *,
        trust: Union[Anchor, Sequence[Anchor], None] = None,
    crl: Union[Crl, Sequence[Crl], None] = None,
        at: Union[str, None] = None,
    ) -> None: ...
    def verify(self, data: bytes, *, name: str = "-") -> dict[str, Any]:
        """As the module's `verify`, with this verifier's options."""
    def verify_file(self, path: Union[str, PathLike[str]]) -> dict[str, Any]:
        """As the module's `verify_file`, with this verifier's options."""
