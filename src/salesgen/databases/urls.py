"""Database URLs: which dialect a URL names, and where it points (host, database, or file).

File URLs follow SQLAlchemy: ``sqlite:///crm.db`` is ``./crm.db``,
``sqlite:////tmp/crm.db`` is ``/tmp/crm.db`` (same for ``duckdb:``).

Example:
    >>> parse_url("postgres://root@127.0.0.1:5432/test").dialect
    'postgres'
    >>> parse_url("sqlite:////tmp/crm.db").path
    PosixPath('/tmp/crm.db')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

SCHEMES: dict[str, str] = {
    "postgresql": "postgres",
    "postgres": "postgres",
    "mysql": "mysql",
    "mariadb": "mysql",
    "sqlite": "sqlite",
    "duckdb": "duckdb",
}
"""URL scheme → dialect. ``scheme+driver://`` (SQLAlchemy style) is accepted too."""


def is_url(text: str | object) -> bool:
    """Whether ``text`` looks like a URL (``scheme://…``) rather than a path.

    Example:
        >>> is_url("sqlite:///crm.db"), is_url("crm/")
        (True, False)
    """
    return isinstance(text, str) and re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", text) is not None


@dataclass(frozen=True)
class Target:
    """A parsed database URL."""

    url: str
    dialect: str
    host: str | None = None
    port: int | None = None
    user: str | None = None
    password: str | None = None
    database: str | None = None
    path: Path | None = None
    query: dict[str, str] = field(default_factory=dict)

    @property
    def display(self) -> str:
        """The URL without its password, for messages."""
        return mask(self.url)


def mask(url: str) -> str:
    """``url`` with its password replaced by ``***``.

    Example:
        >>> mask("postgresql://me:s3cret@db:5432/crm")
        'postgresql://me:***@db:5432/crm'
    """
    return re.sub(r"^([^:/?#]+://[^:/@?#]*):[^@/?#]*@", r"\1:***@", url)


def _accepted() -> str:
    return (
        "postgresql://user@host:port/db (or postgres://), mysql://user@host:port/db (or mariadb://), "
        "sqlite:///relative.db or sqlite:////absolute/path.db, duckdb:///file.duckdb"
    )


def parse_url(url: str) -> Target:
    """Parse a database URL; ValueError naming the accepted forms for anything else.

    File URLs follow SQLAlchemy: ``sqlite:///crm.db`` is ``./crm.db``,
    ``sqlite:////tmp/crm.db`` is ``/tmp/crm.db`` (same for ``duckdb:``).

    Example:
        >>> parse_url("mariadb://root@127.0.0.1/test").port
        3306
        >>> parse_url("oracle://x")
        Traceback (most recent call last):
        ...
        ValueError: unsupported database URL 'oracle://x': the scheme must be one of postgresql, postgres, \
mysql, mariadb, sqlite, duckdb (postgresql://user@host:port/db (or postgres://), mysql://user@host:port/db \
(or mariadb://), sqlite:///relative.db or sqlite:////absolute/path.db, duckdb:///file.duckdb)
    """
    scheme, sep, rest = url.partition("://")
    dialect = SCHEMES.get(scheme.split("+", 1)[0].lower()) if sep else None
    if dialect is None:
        raise ValueError(
            f"unsupported database URL {mask(url)!r}: the scheme must be one of {', '.join(SCHEMES)} ({_accepted()})"
        )
    if dialect in ("sqlite", "duckdb"):
        if not rest.startswith("/") or rest in ("/", "/:memory:"):
            raise ValueError(
                f"bad {dialect} URL {mask(url)!r}: expected {dialect}:///relative/file or "
                f"{dialect}:////absolute/file (a file; in-memory databases are not kept)"
            )
        return Target(url, dialect, path=Path(rest[1:].split("?", 1)[0]))
    parts = urlsplit("x://" + rest)
    try:
        port = parts.port
    except ValueError as error:
        raise ValueError(f"bad database URL {mask(url)!r}: {error}") from None
    query = dict(pair.split("=", 1) for pair in parts.query.split("&") if "=" in pair)
    database = unquote(parts.path.lstrip("/")) or None
    password = unquote(parts.password) if parts.password is not None else None
    user = unquote(parts.username) if parts.username else None
    if dialect == "mysql":
        port = port or 3306
    normalized = "postgresql://" + rest if dialect == "postgres" else url  # libpq: no +driver suffix
    return Target(normalized, dialect, parts.hostname, port, user, password, database, None, query)
