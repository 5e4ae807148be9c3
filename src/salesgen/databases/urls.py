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
from urllib.parse import parse_qsl, quote, unquote, urlsplit

from salesgen.databases.params import check_parameters

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
        return redact(self.url)

    def scrub(self, text: object) -> str:
        """``text`` (e.g. a driver's error message) with this URL's password removed wherever it appears."""
        return redact(str(text), self.password)


_SECRET_QUERY = re.compile(r"(?i)\b((?:ssl)?password|passwd|pwd|secret|token)=([^&#\s]*)")
# A URL runs to the next white space: a password may hold quotes, and a quoted URL only masks one more character.
_URL = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)(\S*)")


def _redact_url(scheme: str, rest: str) -> str:
    # The user info ends at the LAST "@" before the query: a password may hold "/", "@" or ":" unencoded.
    end = min((i for i in (rest.find("?"), rest.find("#")) if i >= 0), default=len(rest))
    at = rest.rfind("@", 0, end)
    if at >= 0:
        user, colon, _ = rest[:at].partition(":")
        rest = (user + ":***" if colon else user) + rest[at:]
    return scheme + _SECRET_QUERY.sub(r"\1=***", rest)


def redact(text: str, *secrets: str | None) -> str:
    """``text`` with every password removed: in URLs (user info and ``?password=``) and each of ``secrets``.

    The one redaction of salesgen: every message and log that may hold a URL goes through it.

    Example:
        >>> redact("postgresql://me:s3cret@db:5432/crm")
        'postgresql://me:***@db:5432/crm'
        >>> redact("cannot connect to mysql://me:a/b@c@db/crm?password=x&ssl=1")
        'cannot connect to mysql://me:***@db/crm?password=***&ssl=1'
        >>> redact("auth failed for s3cret", "s3cret")
        'auth failed for ***'
    """
    redacted = _URL.sub(lambda match: _redact_url(match[1], match[2]), text)
    redacted = _SECRET_QUERY.sub(r"\1=***", redacted)
    for secret in secrets:
        if secret and len(secret) >= 3:  # a one- or two-letter password would mask unrelated text
            redacted = redacted.replace(secret, "***").replace(quote(secret, safe=""), "***")
    return redacted


def _accepted() -> str:
    return (
        "postgresql://user@host:port/db (or postgres://), mysql://user@host:port/db (or mariadb://), "
        "sqlite:///relative.db or sqlite:////absolute/path.db, duckdb:///file.duckdb"
    )


_EXAMPLES = {"postgres": "postgresql://user:password@host:5432/crm", "mysql": "mysql://user:password@host:3306/crm"}


def _split_authority(rest: str) -> tuple[str | None, str | None, str]:
    """(user, password, the rest after ``@``); the user info ends at the last ``@`` before the path."""
    end = min((i for i in (rest.find("/"), rest.find("?"), rest.find("#")) if i >= 0), default=len(rest))
    at = rest.rfind("@", 0, rest.find("?") if "?" in rest else len(rest))
    if at < 0:
        return None, None, rest
    if at > end:  # "/" inside the user info: it belongs to the password, the authority goes up to the "@"
        end = at
    user, colon, password = rest[:at].partition(":")
    return unquote(user) or None, unquote(password) if colon else None, rest[at + 1 :]


def parse_url(url: str) -> Target:
    """Parse a database URL; ValueError naming the accepted forms for anything else.

    File URLs follow SQLAlchemy: ``sqlite:///crm.db`` is ``./crm.db``,
    ``sqlite:////tmp/crm.db`` is ``/tmp/crm.db`` (same for ``duckdb:``). A
    PostgreSQL URL must name its database (libpq would pick a default one). A
    password may hold any character; written raw (not percent-encoded) it is
    still understood, up to the last ``@``.

    Example:
        >>> parse_url("mariadb://root@127.0.0.1/test").port
        3306
        >>> parse_url("postgresql://me:a/b@c@127.0.0.1/crm").password
        'a/b@c'
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
            f"unsupported database URL {redact(url)!r}: the scheme must be one of {', '.join(SCHEMES)} ({_accepted()})"
        )
    if "\x00" in url:
        raise ValueError(f"bad database URL {redact(url)!r}: it contains a NUL character")
    if dialect in ("sqlite", "duckdb"):
        if not rest.startswith("/") or rest in ("/", "/:memory:"):
            raise ValueError(
                f"bad {dialect} URL {redact(url)!r}: expected {dialect}:///relative/file or "
                f"{dialect}:////absolute/file (a file; in-memory databases are not kept)"
            )
        path, _, query = rest[1:].partition("?")
        _parameters(url, dialect, query)  # a file URL takes none: refused by name, not dropped
        return Target(url, dialect, path=Path(path))
    return _server_target(url, dialect, rest)


def _parameters(url: str, dialect: str, query: str) -> dict[str, str]:
    """The URL's query parameters, each one ``dialect`` accepts (ValueError naming any other)."""
    pairs = parse_qsl(query, keep_blank_values=True)
    try:
        check_parameters(dialect, dict(pairs))
    except ValueError as error:
        raise ValueError(f"{error} (in {redact(url)})") from None
    return dict(pairs)


def _server_target(url: str, dialect: str, rest: str) -> Target:
    user, password, location = _split_authority(rest)
    example = _EXAMPLES[dialect]
    try:
        parts = urlsplit("x://" + location)
        port = parts.port
        host = parts.hostname
    except ValueError as error:
        raise ValueError(
            f"bad database URL {redact(url)!r}: {error} (expected {example}; "
            "percent-encode special characters of the password, e.g. %40 for @)"
        ) from None
    query = _parameters(url, dialect, parts.query)
    database = unquote(parts.path.lstrip("/")) or query.get("dbname") or None
    if database is None and dialect == "postgres":  # MariaDB: the database may come as the schema instead
        raise ValueError(f"database URL {redact(url)!r} names no database: add it after the host, e.g. {example}")
    if dialect == "mysql":
        port = port or 3306
    auth = ""
    if user is not None or password is not None:  # re-encoded: the driver needs the user info percent-encoded
        auth = quote(user or "", safe="") + (":" + quote(password, safe="") if password is not None else "") + "@"
    scheme = "postgresql" if dialect == "postgres" else url.partition("://")[0]  # libpq: no +driver suffix
    return Target(f"{scheme}://{auth}{location}", dialect, host, port, user, password, database, None, query)
