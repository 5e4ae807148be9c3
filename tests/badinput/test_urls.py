"""Bad database URLs, hostile identifiers and passwords: refused before any work, never echoed, servers untouched."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from salesgen.databases.urls import parse_url, redact
from tests.badinput.databases import PROBE_SEQUENCE, mysql_state, pg_state
from tests.badinput.helpers import TINY, check_refused, invoke
from tests.servers import MYSQL_URL, PG_URL

# (URL, what the message must name); {tmp} is the test's folder.
BAD_TARGETS: list[tuple[str, list[str]]] = [
    ("postgresql://[::1/test", ["postgresql://[::1/test", "Invalid IPv6 URL", "postgresql://user:password@host"]),
    ("postgresql://127.0.0.1:5432", ["names no database", "postgresql://user:password@host:5432/crm"]),
    ("postgresql://root@127.0.0.1:1/test", ["cannot connect", "127.0.0.1:1"]),
    ("mysql://root@127.0.0.1:1/test", ["cannot connect", "127.0.0.1:1"]),
    ("mysql://root@127.0.0.1:3306", ["names no database", "schema"]),
    ("postgresql://x:99999/test", ["Port out of range"]),
    ("sqlite:////nonexistent/dir/x.db", ["/nonexistent/dir", "does not exist"]),
    ("duckdb:////nonexistent/x.duckdb", ["/nonexistent", "does not exist"]),
    ("sqlite:///{tmp}", ["is a directory", "database file inside it"]),
    ("duckdb:///{tmp}", ["is a directory"]),
    ("sqlite:///{tmp}/notes.txt", ["notes.txt", "cannot read"]),
    ("duckdb:///{tmp}/notes.txt", ["notes.txt", "cannot read"]),
    ("oracle://x/y", ["oracle://x/y", "the scheme must be one of"]),
    ("sqlite:///:memory:", ["in-memory"]),
    ("sqlite:relative.db", ["sqlite:relative.db", "the scheme must be one of"]),
    ("crm.db", ["crm.db", "the scheme must be one of"]),
]


@pytest.mark.parametrize(("url", "names"), BAD_TARGETS, ids=[c[0] for c in BAD_TARGETS])
@pytest.mark.db
def test_generate_to_bad_target(tmp_path: Path, url: str, names: list[str]) -> None:
    (tmp_path / "notes.txt").write_text("not a database\n")
    before = sorted(tmp_path.iterdir())
    result = invoke(["generate", *TINY, "--to", url.format(tmp=tmp_path)])
    check_refused(result, *[name.format(tmp=tmp_path) for name in names])
    assert sorted(tmp_path.iterdir()) == before
    assert (tmp_path / "notes.txt").read_text() == "not a database\n"


SECRET_URLS = [
    "postgresql://root:s3cr/et!@127.0.0.1:1/test",
    "postgresql://root:p@ss@w0rd@127.0.0.1:1/test",
    "postgresql://root@127.0.0.1:1/test?password=hunter22",
    "postgresql://root:hunter%2F22@127.0.0.1:1/test",
    "mysql://root:hunter22@127.0.0.1:1/test",
    "mariadb://root:hu:nter22@127.0.0.1:1/test",
    "postgresql://root:hunter22@[::1/test",
]


def _secret(url: str) -> str:
    return {"s3cr": "s3cr/et!", "p@ss": "p@ss@w0rd", "%2F": "hunter"}.get(
        next((k for k in ("s3cr", "p@ss", "%2F") if k in url), ""), "hunter22" if "hu:" not in url else "nter22"
    )


@pytest.mark.parametrize("url", SECRET_URLS)
@pytest.mark.parametrize("command", ["generate", "load", "validate"])
def test_passwords_never_printed(tmp_path: Path, url: str, command: str, tiny_parquet: Path) -> None:
    args = {
        "generate": ["generate", *TINY, "--to", url],
        "load": ["load", tiny_parquet, "--to", url],
        "validate": ["validate", url],
    }[command]
    output = check_refused(invoke(args), "***" if "[::1" not in url else "Invalid IPv6")
    assert _secret(url) not in output


HOSTILE = [
    'crm"; DROP TABLE sentinel; --',
    f'public"."x" WHERE nextval(\'{PROBE_SEQUENCE}\') > 0 --',
    f"(SELECT nextval('{PROBE_SEQUENCE}'))",
    "crm`; DROP DATABASE test; --",
    "Crm-1",
    "a" * 70,
]


@pytest.mark.db
@pytest.mark.parametrize("flag", ["--schema", "--prefix"])
@pytest.mark.parametrize("value", HOSTILE, ids=[f"hostile{i}" for i in range(len(HOSTILE))])
def test_hostile_identifiers_refused_everywhere(tiny_parquet: Path, flag: str, value: str) -> None:
    """Every entry point that takes --schema/--prefix refuses an identifier outside the one helper's rules."""
    pg, my = pg_state(), mysql_state()
    for args in (
        ["validate", PG_URL, flag, value],
        ["validate", MYSQL_URL, flag, value],
        ["load", tiny_parquet, "--to", PG_URL, flag, value],
        ["load", tiny_parquet, "--to", MYSQL_URL, flag, value],
        ["generate", *TINY, "--to", PG_URL, flag, value],
    ):
        output = check_refused(invoke(args), flag.removeprefix("--"))
        assert "letters, digits" in output or "lowercase" in output or "characters" in output, output
    assert pg_state() == pg and mysql_state() == my


# --- Hypothesis: the URL parser is total, and redaction never lets a password through -----------------------------


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(max_size=80)
    | st.builds(
        lambda s, t: s + t,
        st.sampled_from(["postgresql://", "mysql://", "sqlite://", "duckdb:///"]),
        st.text(max_size=60),
    )
)
def test_parse_url_is_total(text: str) -> None:
    try:
        target = parse_url(text)
    except ValueError as error:
        assert "Traceback" not in str(error)
        return
    assert target.dialect in ("postgres", "mysql", "sqlite", "duckdb")
    if target.password and len(target.password) >= 3:
        assert target.password not in target.display


PASSWORD_ALPHABET = string.ascii_letters + string.digits + "!$&'()*+,;=:@/~.-_[]"


@settings(max_examples=300, deadline=None)
@given(
    password=st.text(alphabet=PASSWORD_ALPHABET, min_size=3, max_size=24),
    scheme=st.sampled_from(["postgresql", "mysql"]),
)
def test_password_in_user_info_is_redacted_and_parsed(password: str, scheme: str) -> None:
    url = f"{scheme}://root:{password}@127.0.0.1:5432/crm"
    shown = redact(url)
    assert shown == f"{scheme}://root:***@127.0.0.1:5432/crm"
    if "[" not in password and "]" not in password:
        target = parse_url(url)
        assert target.password == password and target.database == "crm" and password not in target.display


@settings(max_examples=200, deadline=None)
@given(password=st.text(alphabet=string.ascii_letters + string.digits + "!$()*+,;:@/~.-_", min_size=3, max_size=24))
def test_password_in_query_and_messages_is_redacted(password: str) -> None:
    url = f"postgresql://root@127.0.0.1:5432/crm?sslmode=disable&password={password}"
    # Compare parts, not substrings: a password such as "pos" is also part of "postgresql".
    head, _, tail = redact(f"cannot connect to {url}: refused").partition("password=")
    assert head == "cannot connect to postgresql://root@127.0.0.1:5432/crm?sslmode=disable&"
    assert tail.startswith("***") and password not in tail
    assert redact(f"auth failed: {password!r}", password).rpartition(": ")[2] == "'***'"
