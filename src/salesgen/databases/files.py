"""What the two file databases (SQLite, DuckDB) share in a load: one transaction on a local file.

The file's folder must exist; a file the load created is removed again if the
load fails, with its journal/WAL companions, so a failed load leaves no trace.

Example:
    >>> from salesgen.databases.sqlite import SQLiteBackend
    >>> issubclass(SQLiteBackend, FileBackend)
    True
"""

from __future__ import annotations

import contextlib
from abc import abstractmethod
from pathlib import Path
from typing import Any, ClassVar

from salesgen.databases.ddl import Plan
from salesgen.databases.loader import LoadBackend
from salesgen.databases.urls import Target


def check_file_target(target: Target) -> None:
    """FileNotFoundError/IsADirectoryError naming the fix unless ``target.path`` can be a database file."""
    assert target.path is not None
    path = target.path
    if path.is_dir():
        raise IsADirectoryError(f"{target.display}: {path} is a directory; name a database file inside it")
    if not path.exists() and not path.parent.is_dir():
        raise FileNotFoundError(f"{target.display}: folder {path.parent} does not exist; create it first")


class FileBackend(LoadBackend):
    """A DB-API connection to a file, ``BEGIN`` … ``COMMIT``; ``abort`` rolls back and removes a created file."""

    begin_statement: ClassVar[str] = "BEGIN TRANSACTION"
    companions: ClassVar[tuple[str, ...]] = ()  # suffixes of the files the database keeps next to the file
    errors: ClassVar[tuple[type[Exception], ...]] = (Exception,)

    @classmethod
    def find_tables(cls, target: Target, schema: str | None, names: list[str]) -> list[str]:
        assert target.path is not None
        check_file_target(target)
        if not target.path.exists():
            return []
        connection = cls.read_only(target.path)
        try:
            return cls.tables_in(connection, schema, names)
        finally:
            connection.close()

    @staticmethod
    @abstractmethod
    def read_only(path: Path) -> Any:
        """A read-only connection to an existing file."""

    @staticmethod
    @abstractmethod
    def tables_in(connection: Any, schema: str | None, names: list[str]) -> list[str]:
        """Which of ``names`` exist on ``connection`` (in ``schema``)."""

    def existing(self, names: list[str]) -> list[str]:
        return self.tables_in(self.connection, self.options.schema, names)

    @property
    def path(self) -> Path:
        assert self.target.path is not None  # parse_url gives file dialects a path
        return self.target.path

    @abstractmethod
    def open(self) -> Any:
        """A connection to :attr:`path`, creating the file if needed."""

    @abstractmethod
    def settings(self) -> list[str]:
        """Statements run before the transaction opens (pragmas)."""

    def begin(self) -> Plan:
        check_file_target(self.target)
        self.created_file = not self.path.exists()
        self.connection = self.open()
        for statement in self.settings():
            self.connection.execute(statement)
        self.connection.execute(self.begin_statement)
        return self.plan()

    @abstractmethod
    def plan(self) -> Plan:
        """The DDL plan, once the transaction is open."""

    def execute(self, statement: str) -> None:
        self.connection.execute(statement)

    def executemany(self, statement: str, rows: list[tuple[Any, ...]]) -> None:
        self.connection.executemany(statement, rows)

    def commit(self, plan: Plan, existing: list[str]) -> None:
        self.connection.execute("COMMIT")

    def abort(self) -> None:
        connection = getattr(self, "connection", None)
        if connection is not None:
            with contextlib.suppress(*self.errors):
                connection.execute("ROLLBACK")
            with contextlib.suppress(*self.errors):
                connection.close()
        if getattr(self, "created_file", False):
            for suffix in ("", *self.companions):
                Path(str(self.path) + suffix).unlink(missing_ok=True)

    def close(self) -> None:
        self.connection.close()
