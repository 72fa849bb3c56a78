"""Test helpers: a real SMTP server (aiosmtpd) on 127.0.0.1 and a self-signed certificate."""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def self_signed_cert(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1/localhost made with the openssl command (no Python deps)."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed: cannot make a test certificate")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=IP:127.0.0.1,DNS:localhost",
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes
    login: str | None = None

    @property
    def message(self) -> EmailMessage:
        return message_from_bytes(self.data, policy=policy.default)


@dataclass
class Handler:
    """Stores what it receives; `replies` (e.g. ["451 busy"]) answer DATA before accepting."""

    replies: list[str] = field(default_factory=list)
    received: list[Received] = field(default_factory=list)
    attempts: int = 0

    async def handle_DATA(self, server, session, envelope) -> str:
        self.attempts += 1
        if self.replies:
            return self.replies.pop(0)
        login = session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else None
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content, login))
        return "250 OK"


def authenticator(users: dict[str, str]):
    def check(server, session, envelope, mechanism, auth_data) -> AuthResult:
        ok = isinstance(auth_data, LoginPassword) and users.get(auth_data.login.decode()) == auth_data.password.decode()
        # handled=False: let aiosmtpd answer 535 itself on failure
        return AuthResult(success=ok, handled=False, auth_data=auth_data)

    return check


@contextmanager
def smtp_server(
    handler: Handler | None = None,
    *,
    cert: tuple[Path, Path] | None = None,
    implicit_tls: bool = False,
    users: dict[str, str] | None = None,
) -> Iterator[tuple[Controller, Handler]]:
    """Run aiosmtpd on a free port. With `cert`: STARTTLS required (or implicit TLS)."""
    handler = handler or Handler()
    kwargs: dict = {}
    context = None
    if cert is not None:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(*map(str, cert))
    if context is not None and not implicit_tls:
        kwargs.update(tls_context=context, require_starttls=True)
    if users is not None:
        # aiosmtpd 1.4 only counts STARTTLS as TLS; over implicit TLS the check must be off
        kwargs.update(authenticator=authenticator(users), auth_required=True, auth_require_tls=not implicit_tls)
    controller = Controller(
        handler, hostname="127.0.0.1", port=free_port(), ssl_context=context if implicit_tls else None, **kwargs
    )
    controller.start()
    try:
        yield controller, handler
    finally:
        controller.stop()


def write_config(folder: Path, *, settings: dict | None = None, jobs: dict[str, dict] | None = None) -> Path:
    """Write config.yaml and jobs/*.yaml under `folder` (a temp dir); returns the config path."""
    import yaml

    (folder / "jobs").mkdir(parents=True, exist_ok=True)
    base = {"output_dir": "out", "storage": {"url": "sqlite:///out/briefing.db"}, "jobs_dir": "jobs"}
    base.update(settings or {})
    path = folder / "config.yaml"
    path.write_text(yaml.safe_dump(base, allow_unicode=True), encoding="utf-8")
    for name, job in (jobs or {}).items():
        (folder / "jobs" / f"{name}.yaml").write_text(
            yaml.safe_dump({"name": name, **job}, allow_unicode=True), encoding="utf-8"
        )
    return path
