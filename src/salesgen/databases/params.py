"""The URL parameters each database accepts: honoured (passed to the driver) or refused by name, never dropped.

PostgreSQL URLs go to libpq as they are, so its connection parameters listed in
:data:`POSTGRES` (SSL among them) work as libpq documents them. MariaDB/MySQL
parameters become PyMySQL arguments (:func:`mysql_arguments`); ``collation`` is
salesgen's own: the collation of the loaded tables' text columns (default
:data:`DEFAULT_COLLATION`, case-insensitive; keys stay binary). SQLite and
DuckDB file URLs take no parameter. Anything else is refused before connecting.

Example:
    >>> check_parameters("postgres", {"sslmode": "disable"})
    >>> check_parameters("mysql", {"sslmode": "require"})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: unknown URL parameter 'sslmode' for MariaDB/MySQL; accepted: collation, connect_timeout, ...
    >>> mysql_arguments({"ssl_ca": "/etc/ca.pem", "ssl_verify_cert": "true"})
    {'ssl_ca': '/etc/ca.pem', 'ssl_verify_cert': True}
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

DEFAULT_COLLATION = "utf8mb4_unicode_ci"
"""MariaDB/MySQL text columns: case- and accent-insensitive comparisons, as users of these databases expect.
``?collation=utf8mb4_bin`` keeps them binary (case-sensitive)."""
KEY_COLLATION = "utf8mb4_bin"
"""Text keys (the metadata table's ``key``) compare byte for byte whatever the text collation."""

POSTGRES: dict[str, str] = {
    "sslmode": "disable, allow, prefer, require, verify-ca or verify-full",
    "sslrootcert": "CA certificate file",
    "sslcert": "client certificate file",
    "sslkey": "client key file",
    "sslpassword": "password of the client key",
    "sslcrl": "certificate revocation list file",
    "connect_timeout": "seconds",
    "application_name": "name shown in pg_stat_activity",
    "options": "server options, e.g. -c search_path=crm",
    "target_session_attrs": "any, read-write, …",
    "gssencmode": "disable, prefer or require",
    "dbname": "the database (instead of the path)",
}
"""libpq connection parameters accepted in a PostgreSQL URL (libpq reads them from the URL)."""

_SSL_MODES: dict[str, dict[str, Any]] = {
    "disabled": {"ssl_disabled": True},
    "preferred": {},
    "required": {"ssl": {"ca": None}},  # encrypted, the server's certificate not verified
    "verify_ca": {"ssl_verify_cert": True},
    "verify_identity": {"ssl_verify_cert": True, "ssl_verify_identity": True},
}


def _flag(name: str) -> Callable[[str], dict[str, Any]]:
    def parse(value: str) -> dict[str, Any]:
        lowered = value.lower()
        if lowered not in ("true", "false", "1", "0"):
            raise ValueError(f"URL parameter {name}={value!r} must be true or false")
        return {name: lowered in ("true", "1")}

    return parse


def _text(name: str) -> Callable[[str], dict[str, Any]]:
    return lambda value: {name: value}


def _ssl_mode(value: str) -> dict[str, Any]:
    mode = value.lower()
    if mode not in _SSL_MODES:
        raise ValueError(f"URL parameter ssl_mode={value!r}: choose one of {', '.join(_SSL_MODES)}")
    return dict(_SSL_MODES[mode])


def _timeout(value: str) -> dict[str, Any]:
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"URL parameter connect_timeout={value!r} must be a whole number of seconds (≥ 1)")
    return {"connect_timeout": int(value)}


def _collation(value: str) -> dict[str, Any]:
    if not re.fullmatch(r"utf8mb4_[a-z0-9_]+", value):
        raise ValueError(
            f"URL parameter collation={value!r} must be a utf8mb4 collation, "
            f"e.g. {DEFAULT_COLLATION} or {KEY_COLLATION}"
        )
    return {}  # salesgen's own: read by the DDL (see table_collation), not the driver


MYSQL: dict[str, Callable[[str], dict[str, Any]]] = {
    "collation": _collation,
    "connect_timeout": _timeout,
    "ssl_ca": _text("ssl_ca"),
    "ssl_cert": _text("ssl_cert"),
    "ssl_key": _text("ssl_key"),
    "ssl_disabled": _flag("ssl_disabled"),
    "ssl_mode": _ssl_mode,
    "ssl_verify_cert": _flag("ssl_verify_cert"),
    "ssl_verify_identity": _flag("ssl_verify_identity"),
    "unix_socket": _text("unix_socket"),
}
"""MariaDB/MySQL URL parameter → the PyMySQL arguments it sets."""

ACCEPTED: dict[str, tuple[str, ...]] = {
    "postgres": tuple(sorted(POSTGRES)),
    "mysql": tuple(sorted(MYSQL)),
    "sqlite": (),
    "duckdb": (),
}
_LABELS = {"postgres": "PostgreSQL", "mysql": "MariaDB/MySQL", "sqlite": "SQLite", "duckdb": "DuckDB"}


def check_parameters(dialect: str, query: Mapping[str, str]) -> None:
    """ValueError naming the first parameter ``dialect`` does not accept (or whose value is wrong)."""
    for name in query:
        if name not in ACCEPTED[dialect]:
            accepted = ", ".join(ACCEPTED[dialect]) or "none (a file URL takes no parameter)"
            raise ValueError(f"unknown URL parameter {name!r} for {_LABELS[dialect]}; accepted: {accepted}")
    if dialect == "mysql":
        mysql_arguments(query)


def mysql_arguments(query: Mapping[str, str]) -> dict[str, Any]:
    """The PyMySQL keyword arguments of a MariaDB/MySQL URL's parameters (ValueError for a bad one)."""
    arguments: dict[str, Any] = {}
    for name, value in query.items():
        if name not in MYSQL:
            raise ValueError(
                f"unknown URL parameter {name!r} for MariaDB/MySQL; accepted: {', '.join(ACCEPTED['mysql'])}"
            )
        arguments.update(MYSQL[name](value))
    return arguments


def table_collation(query: Mapping[str, str]) -> str:
    """The collation of loaded MariaDB/MySQL text columns: ``?collation=…`` or :data:`DEFAULT_COLLATION`.

    Example:
        >>> table_collation({}), table_collation({"collation": "utf8mb4_bin"})
        ('utf8mb4_unicode_ci', 'utf8mb4_bin')
    """
    value = query.get("collation", DEFAULT_COLLATION)
    _collation(value)
    return value
