"""Atomic renames beyond ``os.rename``: swap two paths, or move without ever replacing.

Linux's ``renameat2`` (glibc ≥ 2.28) does both in one system call, reached
through ctypes: ``RENAME_EXCHANGE`` swaps two existing paths atomically, so
replacing an output never passes through a moment where the target is
missing; ``RENAME_NOREPLACE`` fails instead of replacing a path that appeared
meanwhile. Elsewhere (other systems, file systems that refuse the flags)
:func:`exchange` raises :class:`ExchangeUnsupported` and the caller falls back
to two renames, which :mod:`salesgen.formats.staging` can recover from.

Example:
    >>> import tempfile
    >>> from pathlib import Path
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a").write_text("new"); _ = (folder / "b").write_text("old")
    >>> try:
    ...     exchange(folder / "a", folder / "b")
    ... except ExchangeUnsupported:
    ...     os.replace(folder / "a", folder / "b"); (folder / "a").write_text("old")
    >>> (folder / "a").read_text(), (folder / "b").read_text()
    ('old', 'new')
"""

from __future__ import annotations

import ctypes
import errno
import os
import sys
from functools import cache
from pathlib import Path
from typing import Any

AT_FDCWD = -100
RENAME_NOREPLACE = 1
RENAME_EXCHANGE = 2
# The kernel or the file system does not offer the flag: fall back, never fail the run for it.
_UNSUPPORTED = {errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP}


class ExchangeUnsupported(OSError):
    """This system or file system cannot swap two paths atomically."""


@cache
def _renameat2() -> Any | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # glibc < 2.28, musl without it
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    function.restype = ctypes.c_int
    return function


def _call(source: Path, destination: Path, flags: int) -> None:
    function = _renameat2()
    if function is None:
        raise ExchangeUnsupported(errno.ENOSYS, "renameat2 is not available")
    if function(AT_FDCWD, os.fsencode(source), AT_FDCWD, os.fsencode(destination), flags) == 0:
        return
    code = ctypes.get_errno()
    if code in _UNSUPPORTED:
        raise ExchangeUnsupported(code, os.strerror(code), str(destination))
    raise OSError(code, os.strerror(code), str(destination))


def exchange(first: Path, second: Path) -> None:
    """Swap ``first`` and ``second`` (both must exist) in one atomic step; ExchangeUnsupported if impossible here."""
    if os.environ.get("SALESGEN_NO_RENAME_EXCHANGE"):  # tests exercise the two-rename fallback with it
        raise ExchangeUnsupported(errno.ENOSYS, "RENAME_EXCHANGE disabled by SALESGEN_NO_RENAME_EXCHANGE")
    _call(first, second, RENAME_EXCHANGE)


def move_new(source: Path, destination: Path) -> None:
    """Rename ``source`` to ``destination``, FileExistsError if ``destination`` exists (atomically where possible).

    Example:
        >>> import tempfile
        >>> folder = Path(tempfile.mkdtemp())
        >>> _ = (folder / "a").write_text("a"); _ = (folder / "b").write_text("b")
        >>> try:
        ...     move_new(folder / "a", folder / "b")
        ... except FileExistsError:
        ...     print("refused")
        refused
    """
    try:
        _call(source, destination, RENAME_NOREPLACE)
        return
    except ExchangeUnsupported:
        pass
    except OSError as error:
        if error.errno == errno.EEXIST:
            raise FileExistsError(errno.EEXIST, f"{destination} appeared while writing", str(destination)) from None
        raise
    if destination.exists() or destination.is_symlink():  # checked then renamed: the best a fallback can do
        raise FileExistsError(errno.EEXIST, f"{destination} appeared while writing", str(destination))
    os.rename(source, destination)
