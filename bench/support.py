"""Helpers shared by the benchmarks: a free port, and a local SMTP server that counts messages."""

import contextlib
import os
import socket
import threading
import urllib.parse


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SMTPSink:
    def __init__(self, port: int):
        from aiosmtpd.controller import Controller

        self.delivered = 0
        self.lock = threading.Lock()
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                with sink.lock:
                    sink.delivered += 1
                return "250 OK"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=port)

    def start(self):
        import logging

        logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every command
        self.controller.start()

    def stop(self):
        self.controller.stop()


@contextlib.contextmanager
def throwaway_database(server_url: str, label: str, keep: bool = False):
    """A new PostgreSQL database beside ``server_url``'s, set as DATABASE_URL, dropped afterwards."""
    import psycopg

    name = f"labsite_bench_{label}_{os.getpid()}"
    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = (
        urllib.parse.urlparse(server_url)._replace(path=f"/{name}").geturl()
    )
    try:
        yield name
    finally:
        from django.db import connections

        connections.close_all()
        if keep:
            print(f"kept database {name}")
        else:
            with psycopg.connect(server_url, autocommit=True) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
