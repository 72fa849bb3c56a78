"""Email delivery: the archived briefing as text + HTML + the PDF attached.

One delivery per job and day (the `deliveries` ledger): a second send is skipped
unless forced. Connection problems and 4xx replies are retried with exponential
backoff; a 5xx reply fails at once. Failures are recorded before DeliveryError is
raised, so the ledger always says what happened.
"""

from __future__ import annotations

import json
import logging
import re
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
from html import escape, unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from .errors import DeliveryError
from .locks import NamedLock
from .urls import check_link, local_href, safe_link

if TYPE_CHECKING:
    from .config import JobConfig, Settings, SmtpConfig
    from .store import Store

log = logging.getLogger(__name__)

# Gmail clips an HTML body over about 102 KB; stay clear of it.
HTML_LIMIT = 100_000
RTL_LANGUAGES = {"ar", "fa", "he", "ur", "ps", "ckb", "yi"}
TRIM_NOTES = {
    "ar": "هذه نسخة مختصرة من الموجز؛ الموجز الكامل في ملف PDF المرفق.",
    "en": "This email is shortened: the full briefing is in the attached PDF.",
}


@dataclass
class DeliveryResult:
    status: str  # "sent", "skipped" or "failed"
    message_id: str | None
    recipients: list[str] = field(default_factory=list)
    attempts: int = 0
    error: str | None = None
    reason: str | None = None  # why a send was skipped


# --- the message -------------------------------------------------------------------


def send_briefing(settings: "Settings", job: "JobConfig", day: date, *, store: "Store",
                  force: bool = False, backoff: float = 2.0) -> DeliveryResult:
    """Email the archived briefing of `job` for `day` to the job's recipients, once."""
    record = store.briefing(job.name, day)
    paths = (record or {}).get("paths") or {}
    if not paths.get("html"):
        raise DeliveryError(f"{job.name}: no briefing archived for {day.isoformat()}",
                            hint=f"run `briefing build {job.name} --date {day.isoformat()}` first")
    lock = NamedLock(store, settings, f"{job.name}.send")
    if not lock.acquire(timeout=0):
        raise DeliveryError(f"{job.name}: another delivery for {day.isoformat()} is in progress",
                            hint="wait for it to finish; `briefing jobs` shows the last runs")
    try:
        previous = store.delivery(job.name, day)
        if previous and previous["status"] == "sent" and not force:
            reason = (f"already sent for {day.isoformat()} (message {previous['message_id']}); "
                      "use --force to send again")
            log.info("%s: %s", job.name, reason)
            return DeliveryResult("skipped", previous["message_id"], list(previous["recipients"] or []),
                                  0, None, reason)
        return _send_recorded(settings, job, day, paths, store, backoff)
    finally:
        lock.release()


def _send_recorded(settings: "Settings", job: "JobConfig", day: date, paths: dict,
                   store: "Store", backoff: float) -> DeliveryResult:
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
        store.record_delivery(job.name, day, status="failed", message_id=message_id,
                              recipients=recipients, attempts=attempts, error=str(exc))
        log.error("%s: delivery for %s failed after %d attempt(s): %s", job.name, day, attempts, exc)
        raise
    note = f"refused by the server: {', '.join(sorted(refused))}" if refused else None
    store.record_delivery(job.name, day, status="sent", message_id=message_id,
                          recipients=recipients, attempts=attempts, error=note)
    log.info("%s: sent the briefing for %s to %d recipient(s), message %s, %d attempt(s)",
             job.name, day, len(recipients) - len(refused), message_id, attempts)
    return DeliveryResult("sent", message_id, recipients, attempts, note)


def compose_message(settings: "Settings", job: "JobConfig", day: date, paths: dict) -> EmailMessage:
    """multipart/mixed{ multipart/alternative{ text/plain, text/html }, application/pdf }."""
    html = _read_text(paths["html"], job.name, "HTML")
    pdf_path = paths.get("pdf")
    if not pdf_path:
        raise DeliveryError(f"{job.name}: the archived briefing for {day} has no PDF",
                            hint=f"run `briefing build {job.name} --date {day.isoformat()}` again")
    pdf = _read_bytes(pdf_path, job.name, "PDF")
    data = _read_json(paths.get("json"))
    title = str((data or {}).get("title") or job.display_title)

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

    text = text_from_json(data, title, day) if data else text_from_html(html)
    _set_text(message, text, "plain")
    html = prepare_html(html, language=job.language)
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
        raise DeliveryError(f"{job}: cannot read the archived {what} {path}: {exc.strerror}",
                            hint=f"run `briefing build {job}` again to rewrite the archive") from None


def _read_text(path: str, job: str, what: str) -> str:
    return _read_bytes(path, job, what).decode("utf-8", errors="replace")


def _read_json(path: str | None) -> dict | None:
    """The archived briefing JSON, or None (the text part then comes from the HTML)."""
    if not path:
        return None
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("cannot use %s for the text part: %s", path, exc)
        return None
    return data if isinstance(data, dict) else None


# --- the plain-text part -------------------------------------------------------------


def _point_text(point: Any) -> str | None:
    """A key point as the briefing JSON may hold it: text, {text: ...} or [article_id, {...}]."""
    if isinstance(point, str):
        return point
    if isinstance(point, (list, tuple)) and point:
        return _point_text(point[-1])
    if isinstance(point, dict):
        return point.get("text")
    return None


def text_from_json(data: dict, title: str, day: date) -> str:
    """A readable plain-text briefing: sections, story titles, key points, sources."""
    lines = [f"{title} — {day.isoformat()}", ""]
    for section in data.get("sections") or []:
        heading = section.get("title") or section.get("name") or ""
        if heading:
            lines += [heading, "=" * min(len(heading), 60), ""]
        for story in section.get("stories") or []:
            lines.append(f"* {story.get('title') or ''}".rstrip())
            for point in story.get("key_points") or []:
                text = _point_text(point)
                if text:
                    lines.append(f"  - {' '.join(text.split())}")
            sources = [s if isinstance(s, str) else str(s.get("name", "")) for s in story.get("sources") or []]
            if sources:
                lines.append(f"  ({', '.join(s for s in sources if s)})")
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


class _TextExtractor(HTMLParser):
    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article",
              "header", "footer", "ul", "ol", "table", "blockquote"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("style", "script", "head"):
            self._skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append("- ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script", "head"):
            self._skip = max(0, self._skip - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def text_from_html(html: str) -> str:
    """Plain text from HTML when there is no JSON: block elements become lines."""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    lines = [" ".join(line.split()) for line in "".join(parser.parts).splitlines()]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return text + "\n"


# --- the HTML part -------------------------------------------------------------------


def _strip_at_rules(css: str, names: tuple[str, ...]) -> str:
    """Drop @font-face / @page blocks (print-only, and mail clients reject them)."""
    out, i = [], 0
    pattern = re.compile(r"@(" + "|".join(names) + r")\b[^{]*\{", re.IGNORECASE)
    while (match := pattern.search(css, i)) is not None:
        out.append(css[i:match.start()])
        depth, j = 1, match.end()
        while j < len(css) and depth:
            depth += {"{": 1, "}": -1}.get(css[j], 0)
            j += 1
        i = j
    out.append(css[i:])
    return "".join(out)


def _attr(tag: str, name: str) -> str | None:
    match = re.search(rf"\s{name}\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", tag, re.IGNORECASE)
    return match.group(1).strip("\"'") if match else None


class _StoryFinder(HTMLParser):
    """Offsets of the outermost elements whose class list has `story`."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)
        self.html = html
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", html)]
        self.spans: list[tuple[int, int]] = []
        self._tag: str | None = None
        self._depth = 0
        self._start = 0

    def _offset(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if self._tag is None:
            classes = (dict(attrs).get("class") or "").split()
            if "story" in classes:
                self._tag, self._depth, self._start = tag, 1, self._offset()
        elif tag == self._tag:
            self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag != self._tag:
            return
        self._depth -= 1
        if self._depth == 0:
            end = self.html.index(">", self._offset()) + 1
            self.spans.append((self._start, end))
            self._tag = None


# Quoted values only: our templates always quote, and text has its quotes escaped.
_HREF = re.compile(r"(?i)(?<=\s)(?:href|src)\s*=\s*(\"[^\"]*\"|'[^']*')")


def _checked_href(match: re.Match) -> str:
    """Keep an http(s) link or an in-page `#fragment`; drop any other href or src."""
    value = unescape(match.group(1).strip("\"'"))
    if value.startswith("#") and local_href(value) or safe_link(value):
        return match.group(0)
    log.warning("email HTML: link dropped: %s", check_link(value).reason or "not an in-page link")
    return ""


def prepare_html(html: str, *, language: str, limit: int = HTML_LIMIT) -> str:
    """Make the archived HTML fit for mail clients and under `limit` bytes of UTF-8.

    Scripts, external stylesheets and print-only CSS go; the small <style> stays (Gmail,
    Apple Mail and Outlook honour <style> in <head>); `dir`/`lang` are repeated on a
    wrapper <div> because webmail drops the attributes of <html> and <body>. When too
    large, whole stories (`class="story"`) are dropped from the end and a note in the
    job's language points to the attached PDF.
    """
    html = re.sub(r"<script\b.*?</script\s*>", "", html, flags=re.IGNORECASE | re.DOTALL)
    html = re.sub(r"<link\b[^>]*>", "", html, flags=re.IGNORECASE)
    html = _HREF.sub(_checked_href, html)  # an archive written before the link rule, or by a user template
    html = re.sub(r"(<style\b[^>]*>)(.*?)(</style\s*>)",
                  lambda m: m.group(1) + _strip_at_rules(m.group(2), ("font-face", "page")) + m.group(3),
                  html, flags=re.IGNORECASE | re.DOTALL)
    root = re.search(r"<html\b[^>]*>", html, re.IGNORECASE)
    lang = (_attr(root.group(0), "lang") if root else None) or language
    direction = (_attr(root.group(0), "dir") if root else None) or (
        "rtl" if lang.split("-")[0] in RTL_LANGUAGES else "ltr")
    body = re.search(r"<body\b[^>]*>", html, re.IGNORECASE)
    close = html.lower().rfind("</body")
    if body and close > body.end() and 'class="briefing-mail"' not in html:
        align = "right" if direction == "rtl" else "left"
        wrapper = (f'<div class="briefing-mail" dir="{direction}" lang="{escape(lang)}" '
                   f'style="direction:{direction};text-align:{align}">')
        html = html[:body.end()] + wrapper + html[body.end():close] + "</div>" + html[close:]
    if len(html.encode("utf-8")) <= limit:
        return html
    return _trim(html, language=lang.split("-")[0], direction=direction, limit=limit)


def _trim(html: str, *, language: str, direction: str, limit: int) -> str:
    finder = _StoryFinder(html)
    finder.feed(html)
    finder.close()
    text = TRIM_NOTES.get(language, TRIM_NOTES["en"])
    note = (f'<p class="trimmed-note" dir="{direction}" lang="{escape(language)}" '
            f'style="font-style:italic;border-top:1px solid #999;padding-top:8px">{escape(text)}</p>')
    spans = finder.spans
    for keep in range(len(spans) - 1, -1, -1):
        # keep stories [0, keep); cut from the start of story `keep` to the end of the last one
        cut_start, cut_end = spans[keep][0], spans[-1][1]
        candidate = html[:cut_start] + note + html[cut_end:]
        if len(candidate.encode("utf-8")) <= limit:
            log.info("email HTML trimmed to %d of %d stories to stay under %d bytes", keep, len(spans), limit)
            return candidate
    log.warning("email HTML over %d bytes without story markers to trim; sending a stub", limit)
    return (f'<!DOCTYPE html><html dir="{direction}" lang="{escape(language)}"><head><meta charset="utf-8">'
            f'</head><body><div dir="{direction}" lang="{escape(language)}">{note}</div></body></html>')


# --- SMTP ----------------------------------------------------------------------------


def _check_password(cfg: "SmtpConfig") -> None:
    if not cfg.username:
        return
    password = cfg.password()
    if password is None:
        raise DeliveryError(f"smtp.username is {cfg.username!r} but ${cfg.password_env} is not set",
                            hint=f"export {cfg.password_env}=... in the daemon's environment")
    if not (password.isascii() and cfg.username.isascii()):
        # smtplib encodes AUTH data as ASCII; fail clearly instead of a UnicodeEncodeError
        raise DeliveryError(f"${cfg.password_env} or smtp.username has non-ASCII characters, "
                            "which Python's smtplib cannot send", hint="use an ASCII password (or an app password)")


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
        return "; ".join(f"{addr}: {code} {msg.decode('utf-8', 'replace')}"
                         for addr, (code, msg) in exc.recipients.items())
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


def _send_once(cfg: "SmtpConfig", message: EmailMessage, recipients: list[str], deadline: _Deadline) -> dict:
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


def _deliver(cfg: "SmtpConfig", message: EmailMessage, recipients: list[str], *, backoff: float) -> tuple[int, dict]:
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
                    kind = (f"gave up: no delivery within the {deadline.seconds:g} s deadline "
                            f"({attempt} attempt{'s' if attempt > 1 else ''}; last: {problem})")
                    problem = None
                else:
                    kind = f"gave up after {attempt} attempts"
                error = DeliveryError(f"{cfg.host}:{cfg.port}: {kind}" + (f": {problem}" if problem else ""),
                                      hint=None if not late else
                                      "the server did not complete the delivery in time; check smtp.host and "
                                      "smtp.port and that the server answers, or raise smtp.deadline in config.yaml")
                error.attempts = attempt
                raise error from None
            delay = min(backoff * 2 ** (attempt - 1), max(0.0, deadline.remaining()))
            log.warning("%s:%d: attempt %d of %d failed (%s); retrying in %.1fs",
                        cfg.host, cfg.port, attempt, tries, problem, delay)
            time.sleep(delay)
    raise AssertionError("unreachable")


def notify_operator(settings: "Settings", subject: str, body: str, *, backoff: float = 2.0) -> bool:
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
