"""Tests of salesgen.databases.mysql: the fallback when the server refuses LOAD DATA LOCAL INFILE."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from salesgen.contract import TABLES
from tests.databases.places import POISONS, mysql_place, normalized_rows, poisoned


@pytest.mark.db
def test_mariadb_without_local_infile_falls_back_to_multi_row_inserts(
    crm: Path, tmp_path: Path, expected: dict[str, list[tuple[Any, ...]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    import salesgen.databases.mysql as mysql_loader

    monkeypatch.setattr(mysql_loader, "local_infile", lambda cursor: False)  # as on a MySQL 8 server's default
    with mysql_place() as db:
        with pytest.raises(db.errors):
            db.load(poisoned(crm, tmp_path, *POISONS["foreign key"]))
        assert db.tables() == set()
        db.load(crm)
        for name in ("sales_reps", "opportunities", "interactions"):
            got = normalized_rows(name, db.query(f"SELECT {', '.join(TABLES[name].column_names)} FROM {db.name(name)}"))
            assert got == expected[name], name
