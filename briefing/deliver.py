"""Email delivery: the archived briefing as text + HTML + the PDF attached.

One delivery per job and day (the `deliveries` ledger): a second send is skipped
unless forced. Connection problems and 4xx replies are retried with exponential
backoff; a 5xx reply fails at once. Failures are recorded before DeliveryError is
raised, so the ledger always says what happened.
"""

from __future__ import annotations

import logging
import smtplib
import socket
import ssl
import threading
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from .errors import DeliveryError
from .locks import NamedLock

if TYPE_CHECKING:
    from .config import JobConfig, Settings, SmtpConfig
    from .store import Store

log = logging.getLogger(__name__)


@dataclass
class DeliveryResult:
    status: str  # "sent", "skipped" or "failed"
    message_id: str | None
    recipients: list[str] = field(default_factory=list)
    attempts: int = 0
    error: str | None = None
    reason: str | None = None  # why a send was skipped


# --- the message -------------------------------------------------------------------


def send_briefing(
    settings: Settings, job: JobConfig, day: date, *, store: Store, force: bool = False, backoff: float = 2.0
) -> DeliveryResult:
    """Email the archived briefing of `job` for `day` to the job's recipients, once."""
    record = store.briefing(job.name, day)
    paths = (record or {}).get("paths") or {}
    if not paths.get("html"):
        raise DeliveryError(
            f"{job.name}: no briefing archived for {day.isoformat()}",
            hint=f"run `briefing build {job.name} --date {day.isoformat()}` first",
        )
    lock = NamedLock(store, settings, f"{job.name}.send")
    if not lock.acquire(timeout=0):
        raise DeliveryError(
            f"{job.name}: another delivery for {day.isoformat()} is in progress",
            hint="wait for it to finish; `briefing jobs` shows the last runs",
        )
    try:
        previous = store.delivery(job.name, day)
        if previous and previous["status"] == "sent" and not force:
            reason = f"already sent for {day.isoformat()} (message {previous['message_id']}); use --force to send again"
            log.info("%s: %s", job.name, reason)
            return DeliveryResult(
                "skipped", previous["message_id"], list(previous["recipients"] or []), 0, None, reason
            )
        return _send_recorded(settings, job, day, paths, store, backoff)
    finally:
        lock.release()


def _send_recorded(
    settings: Settings, job: JobConfig, day: date, paths: dict, store: Store, backoff: float
) -> DeliveryResult:
    recipients = [*job.recipients.to, *job.recipients.cc, *job.recipients.bcc]
    message_id = None
    attempts = 0
    try:
        if not job.recipients.to and not job.recipients.cc:
            raise DeliveryError(f"{job.name}: no recipients", hint=f"add recipients.to to the file of job {job.name}")
        _check_password(settings.smtp)
        message = compose_message(settings, job, day, paths)
        message_id = message["Message-ID"]
        attempts, refused = _deliver(settings.smtp, message, recipients, backoff=backoff)
    except DeliveryError as exc:
        attempts = getattr(exc, "attempts", attempts)
        store.record_delivery(
            job.name,
            day,
            status="failed",
            message_id=message_id,
            recipients=recipients,
            attempts=attempts,
            error=str(exc),
        )
        log.error("%s: delivery for %s failed after %d attempt(s): %s", job.name, day, attempts, exc)
        raise
    note = f"refused by the server: {', '.join(sorted(refused))}" if refused else None
    store.record_delivery(
        job.name, day, status="sent", message_id=message_id, recipients=recipients, attempts=attempts, error=note
    )
    log.info(
        "%s: sent the briefing for %s to %d recipient(s), message %s, %d attempt(s)",
        job.name,
        day,
        len(recipients) - len(refused),
        message_id,
        attempts,
    )
    return DeliveryResult("sent", message_id, recipients, attempts, note)


def compose_message(settings: Settings, job: JobConfig, day: date, paths: dict) -> EmailMessage:
    """multipart/mixed{ multipart/alternative{ text/plain, text/html }, application/pdf }."""
    from .archive import read_briefing
    from .render import render_mail

    data = read_briefing(paths.get("json"))
    if data is None:
        raise DeliveryError(
            f"{job.name}: the archived briefing data for {day} cannot be read",
            hint=f"run `briefing build {job.name} --date {day.isoformat()}` again",
        )
    pdf_path = paths.get("pdf")
    if not pdf_path:
        raise DeliveryError(
            f"{job.name}: the archived briefing for {day} has no PDF",
            hint=f"run `briefing build {job.name} --date {day.isoformat()}` again",
        )
    pdf = _read_bytes(pdf_path, job.name, "PDF")
    title = str(data.get("title") or job.display_title)

    sender = settings.smtp.sender
    message = EmailMessage(policy=SMTP)
    message["Subject"] = f"{title} — {day.isoformat()}"
    message["From"] = Address(display_name=title, addr_spec=sender)
    if job.recipients.to:
        message["To"] = ", ".join(job.recipients.to)
    if job.recipients.cc:
        message["Cc"] = ", ".join(job.recipients.cc)
    # Bcc is never a header: those addresses are only on the envelope
    message["Date"] = format_datetime(datetime.now(ZoneInfo(job.schedule.timezone)))
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2])
    message["Content-Language"] = job.language
    message["Auto-Submitted"] = "auto-generated"

    html, text = render_mail(data, templates_dir=settings.templates_dir)
    _set_text(message, text, "plain")
    _set_text(message, html, "html", alternative=True)
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename=Path(pdf_path).name)
    return message


def _set_text(message: EmailMessage, text: str, subtype: str, *, alternative: bool = False) -> None:
    # 8bit keeps the wire size equal to the text size (Arabic in quoted-printable triples);
    # only lines over the SMTP limit of 998 bytes force base64
    longest = max((len(line.encode("utf-8")) for line in text.splitlines()), default=0)
    cte = "8bit" if longest <= 990 else "base64"
    add = message.add_alternative if alternative else message.set_content
    add(text, subtype=subtype, charset="utf-8", cte=cte)


def _read_bytes(path: str, job: str, what: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise DeliveryError(
            f"{job}: cannot read the archived {what} {path}: {exc.strerror}",
            hint=f"run `briefing build {job}` again to rewrite the archive",
        ) from None


# --- SMTP ----------------------------------------------------------------------------


def _check_password(cfg: SmtpConfig) -> None:
    if not cfg.username:
        return
    password = cfg.password()
    if password is None:
        raise DeliveryError(
            f"smtp.username is {cfg.username!r} but ${cfg.password_env} is not set",
            hint=f"export {cfg.password_env}=... in the daemon's environment",
        )
    if not (password.isascii() and cfg.username.isascii()):
        # smtplib encodes AUTH data as ASCII; fail clearly instead of a UnicodeEncodeError
        raise DeliveryError(
            f"${cfg.password_env} or smtp.username has non-ASCII characters, which Python's smtplib cannot send",
            hint="use an ASCII password (or an app password)",
        )


def _permanent(exc: BaseException) -> bool:
    """5xx replies, refused TLS certificates and missing extensions won't get better by retrying."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return any(code >= 500 for code, _ in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPResponseException):
        return exc.smtp_code >= 500
    return isinstance(exc, (smtplib.SMTPNotSupportedError, ssl.SSLCertVerificationError))


def _describe(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else str(exc.smtp_error)
        return f"{exc.smtp_code} {text}"
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{addr}: {code} {msg.decode('utf-8', 'replace')}" for addr, (code, msg) in exc.recipients.items()
        )
    return f"{type(exc).__name__}: {exc}"


class _Deadline:
    """One deadline for a whole delivery: every attempt, wait and backoff together."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def remaining(self) -> float:
        return self.end - time.monotonic()


def _cut(client: smtplib.SMTP, fired: threading.Event) -> None:
    """At the deadline, end a blocked read or write: shutdown wakes a thread waiting on the socket."""
    fired.set()
    sock = client.sock
    if sock is not None:
        try:
            socket.socket.shutdown(sock, socket.SHUT_RDWR)  # the TCP socket under any TLS layer
        except OSError:
            pass  # already closed


def _send_once(cfg: SmtpConfig, message: EmailMessage, recipients: list[str], deadline: _Deadline) -> dict:
    context = ssl.create_default_context()  # honours SSL_CERT_FILE for private CAs
    # Each socket operation waits at most `timeout`, and never past the deadline; connecting
    # and reading the greeting happen in the constructor, under that limit.
    timeout = max(0.01, min(cfg.timeout, deadline.remaining()))
    if cfg.ssl:
        client = smtplib.SMTP_SSL(cfg.host, cfg.port, timeout=timeout, context=context)
    else:
        client = smtplib.SMTP(cfg.host, cfg.port, timeout=timeout)
    fired = threading.Event()
    watchdog = threading.Timer(max(0.0, deadline.remaining()), _cut, args=(client, fired))
    watchdog.daemon = True
    watchdog.start()
    try:
        with client:
            client.ehlo()
            if cfg.starttls:
                client.starttls(context=context)
                client.ehlo()
            if cfg.username:
                client.login(cfg.username, cfg.password() or "")
            options = ["BODY=8BITMIME"] if client.has_extn("8bitmime") else []
            return client.send_message(message, from_addr=cfg.sender, to_addrs=recipients, mail_options=options)
    finally:
        watchdog.cancel()


def _deliver(cfg: SmtpConfig, message: EmailMessage, recipients: list[str], *, backoff: float) -> tuple[int, dict]:
    """Send with retries, all within `cfg.deadline` seconds; returns (attempts, refused
    recipients). Raises DeliveryError."""
    tries = cfg.retries + 1
    deadline = _Deadline(cfg.deadline)
    for attempt in range(1, tries + 1):
        try:
            return attempt, _send_once(cfg, message, recipients, deadline)
        except (smtplib.SMTPException, OSError) as exc:
            problem = _describe(exc)
            late = deadline.remaining() <= 0
            if _permanent(exc) or attempt == tries or late:
                if _permanent(exc):
                    kind = "permanent failure"
                elif late:
                    kind = (
                        f"gave up: no delivery within the {deadline.seconds:g} s deadline "
                        f"({attempt} attempt{'s' if attempt > 1 else ''}; last: {problem})"
                    )
                    problem = None
                else:
                    kind = f"gave up after {attempt} attempts"
                error = DeliveryError(
                    f"{cfg.host}:{cfg.port}: {kind}" + (f": {problem}" if problem else ""),
                    hint=None
                    if not late
                    else "the server did not complete the delivery in time; check smtp.host and "
                    "smtp.port and that the server answers, or raise smtp.deadline in config.yaml",
                )
                error.attempts = attempt
                raise error from None
            delay = min(backoff * 2 ** (attempt - 1), max(0.0, deadline.remaining()))
            log.warning(
                "%s:%d: attempt %d of %d failed (%s); retrying in %.1fs",
                cfg.host,
                cfg.port,
                attempt,
                tries,
                problem,
                delay,
            )
            time.sleep(delay)
    raise AssertionError("unreachable")


def notify_operator(settings: Settings, subject: str, body: str, *, backoff: float = 2.0) -> bool:
    """Email a plain-text health report to settings.operator_email; False when none is set."""
    if not settings.operator_email:
        return False
    _check_password(settings.smtp)
    sender = settings.smtp.sender
    message = EmailMessage(policy=SMTP)
    message["Subject"] = f"[briefing] {subject}"
    message["From"] = sender
    message["To"] = settings.operator_email
    message["Date"] = format_datetime(datetime.now().astimezone())
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2])
    message["Auto-Submitted"] = "auto-generated"
    _set_text(message, body, "plain")
    _deliver(settings.smtp, message, [settings.operator_email], backoff=backoff)
    return True
