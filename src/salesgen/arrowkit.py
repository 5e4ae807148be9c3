"""Exact conversions from the integer working arrays of generation to Arrow.

Generation works in int64 cents, basis points and epoch seconds; these turn
them into the contract's Arrow types without ever passing through floats.

Example:
    >>> import numpy as np
    >>> money_array(np.array([12345, -5])).to_pylist()
    [Decimal('123.45'), Decimal('-0.05')]
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from salesgen.contract import MONEY_TYPE, PERCENT_TYPE, TIMESTAMP_TYPE

SECONDS_PER_DAY = 86_400


def _decimal_from_unscaled(unscaled: np.ndarray, dtype: pa.DataType, mask: np.ndarray | None) -> pa.Array:
    """Build a decimal128 array whose unscaled integers are ``unscaled``."""
    low = np.ascontiguousarray(unscaled, dtype=np.int64)
    words = np.empty((low.size, 2), dtype=np.int64)
    words[:, 0] = low
    words[:, 1] = np.where(low < 0, -1, 0)  # two's-complement sign extension to 128 bits
    validity = None if mask is None else pa.array(~mask).buffers()[1]
    null_count = 0 if mask is None else int(mask.sum())
    return pa.Array.from_buffers(dtype, low.size, [validity, pa.py_buffer(words.tobytes())], null_count)


def money_array(cents: np.ndarray, mask: np.ndarray | None = None) -> pa.Array:
    """int64 cents → decimal128(18, 2); ``mask`` marks nulls."""
    return _decimal_from_unscaled(cents, MONEY_TYPE, mask)


def percent_array(basis_points: np.ndarray) -> pa.Array:
    """int basis points (1/10000) → decimal128(5, 4), e.g. 1250 → 0.1250."""
    return _decimal_from_unscaled(basis_points, PERCENT_TYPE, None)


def timestamp_array(epoch_seconds: np.ndarray, mask: np.ndarray | None = None) -> pa.Array:
    """int64 seconds since 1970-01-01 UTC → timestamp[us, UTC]."""
    micros = np.asarray(epoch_seconds, dtype=np.int64) * 1_000_000
    return pa.array(micros, type=pa.int64(), mask=mask).cast(TIMESTAMP_TYPE)


def date_array(epoch_days: np.ndarray) -> pa.Array:
    """int days since 1970-01-01 → date32."""
    return pa.array(np.asarray(epoch_days, dtype=np.int32), type=pa.int32()).cast(pa.date32())
