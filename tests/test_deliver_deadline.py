"""`send` against an SMTP server that accepts the connection and never says a word."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

from .conftest import write
from .test_pipeline import AR_SEED


@contextmanager
def silent_server():
    """A real socket on 127.0.0.1 that accepts every connection and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            accepted.append(conn)  # held open, never written to

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield listener.getsockname()[1], accepted
    finally:
        stop.set()
        thread.join(5)
        for conn in accepted:
            conn.close()
        listener.close()


def test_silent_server_fails_within_one_deadline_and_is_recorded(project: Path) -> None:
    write(project / "seeds" / "water.txt", AR_SEED)
    with silent_server() as (port, accepted):
        # timeout and retries alone would allow 4 x 30 s plus backoff; the deadline is 3 s in all
        write(
            project / "config.yaml",
            f"""
            timezone: UTC
            output_dir: out
            storage: {{url: "sqlite:///out/briefing.db"}}
            jobs_dir: jobs
            smtp: {{host: 127.0.0.1, port: {port}, sender: "briefing@example.org", timeout: 30, retries: 3,
                    deadline: 3}}
        """,
        )
        config = str(project / "config.yaml")
        command = [sys.executable, "-m", "briefing"]
        built = subprocess.run(
            [*command, "build", "--config", config], capture_output=True, text=True, timeout=300, cwd=project
        )
        assert built.returncode == 0, built.stderr
        # the hang guard is generous (the bug took 136 s); the assertion is on what is said and recorded
        sent = subprocess.run(
            [*command, "send", "--config", config], capture_output=True, text=True, timeout=100, cwd=project
        )
        assert accepted, "the client never connected"
    assert sent.returncode == 1, sent.stderr
    assert "no delivery within the 3 s deadline" in sent.stderr and "smtp.deadline" in sent.stderr, sent.stderr
    assert "Traceback" not in sent.stderr

    from briefing.config import load_config
    from briefing.store import Store

    with Store.open(load_config(config).settings.storage.url) as store:
        [row] = [store.delivery("daily", d["date"]) for d in store.list_briefings()]
    assert row["status"] == "failed" and "deadline" in row["error"] and row["attempts"] >= 1
