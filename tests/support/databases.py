"""A database of a test's own, beside the test database: a new SQLite file, or a new
PostgreSQL database on the server DATABASE_URL names (CI's second pass), dropped afterwards."""

import contextlib
import os
import urllib.parse


@contextlib.contextmanager
def scratch_database(label: str, folder):
    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith("postgres"):
        yield f"sqlite:///{folder}/{label}.sqlite3"
        return
    import psycopg

    name = f"labsite_{label}_{os.getpid()}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urllib.parse.urlparse(server)._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
