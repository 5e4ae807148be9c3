"""The ``json`` sink: one JSON document, streamed through per-table part files.

Layout (one record per line, keys in schema column order)::

    {
    "metadata": {
      "seed": 1
    },
    "products": [
    {"product_id":1,"sku":"SW-ANL-0003",...},
    {"product_id":2,...}
    ],
    "discount_tiers": [],
    ...
    }

Records are encoded as ``,\\n{...}`` into a scratch part file per table (the
first record of a table drops its comma); ``close`` concatenates header, parts
and footer into the staged document. Memory use is one batch at a time.

Example:
    >>> import json, tempfile
    >>> from pathlib import Path
    >>> out = JsonSink(Path(tempfile.mkdtemp()) / "crm.json").close({"seed": 1})
    >>> document = json.loads(out.read_text())
    >>> list(document)[:3], document["products"]
    (['metadata', 'products', 'discount_tiers'], [])
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any, BinaryIO, ClassVar

import pyarrow as pa

from salesgen.schema import TABLE_NAMES
from salesgen.sinks.base import HashedFile, StagedSink, dumps_metadata
from salesgen.sinks.encode import json_records, text_bytes

_COPY_BLOCK = 8 << 20


class JsonSink(StagedSink):
    """``json``: a single JSON document ``{"metadata": {...}, "<table>": [records], ...}`` at ``target``.

    Example:
        >>> import tempfile
        >>> from pathlib import Path
        >>> JsonSink(Path(tempfile.mkdtemp()) / "crm.json").close({}).suffix
        '.json'
    """

    directory: ClassVar[bool] = False

    def __init__(self, target: str | Path, *, overwrite: bool = False) -> None:
        super().__init__(target, overwrite=overwrite)
        self._parts: dict[str, HashedFile] = {}

    def _write(self, table: str, batch: pa.Table) -> None:
        part = self._parts.get(table)
        if part is None:
            part = self._parts[table] = HashedFile(self._staging.scratch(f"{table}.part"), digest=False)
        for rows in json_records(batch, prefix=",\n", suffix=""):
            data = text_bytes(rows)
            part.write(data if part.size else data[1:])  # the table's first record has no comma

    def _finish(self, metadata: Mapping[str, Any]) -> None:
        for part in self._parts.values():
            part.close()
        with self._staging.artifact.open("wb", buffering=0) as document:  # unbuffered: see _copy
            metadata_text = dumps_metadata(metadata).rstrip("\n")
            document.write(f'{{\n"metadata": {metadata_text}'.encode())
            for table in TABLE_NAMES:
                document.write(f",\n{json.dumps(table)}: [".encode())
                written = self._parts.get(table)
                if written is not None:
                    with written.path.open("rb") as source:
                        _copy(source, document)
                    written.path.unlink()
                    document.write(b"\n")
                document.write(b"]")
            document.write(b"\n}\n")
        self._parts.clear()

    def _release(self) -> None:
        for part in self._parts.values():
            part.discard()
        self._parts.clear()


def _copy(source: BinaryIO, destination: BinaryIO) -> None:
    """Append ``source`` to the unbuffered ``destination``, in the kernel where possible."""
    size = os.fstat(source.fileno()).st_size
    copy_range = getattr(os, "copy_file_range", None)
    if copy_range is not None:
        try:
            while size > 0:
                copied = copy_range(source.fileno(), destination.fileno(), min(size, 1 << 30))
                if copied == 0:
                    break
                size -= copied
        except OSError:
            pass  # unsupported here: fall back to a user-space copy of the rest
        if size == 0:
            return
        source.seek(os.lseek(source.fileno(), 0, os.SEEK_CUR))
    shutil.copyfileobj(source, destination, _COPY_BLOCK)
