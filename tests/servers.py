"""The database servers the tests use (PostgreSQL, MariaDB), and the hostile names an injection would try."""

from __future__ import annotations

import os

# The servers this machine kind starts before every session and CI run; override with these variables.
PG_URL = os.environ.get("SALESGEN_TEST_POSTGRES_URL", "postgresql://root@127.0.0.1:5432/test")
MYSQL_URL = os.environ.get("SALESGEN_TEST_MYSQL_URL", "mysql://root@127.0.0.1:3306/test")
MYSQL = {"host": "127.0.0.1", "port": 3306, "user": "root", "password": "", "autocommit": True}
# How to start a server that is down (the database tests fail, never skip, and say so).
PG_START = "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
MYSQL_START = "start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd"

# Schema and prefix names an SQL injection would try: every entry point must refuse them before running anything.
HOSTILE = ['crm"; DROP TABLE sentinel; --', "crm; DROP TABLE sentinel", "Crm-1", "", "a" * 1100]
