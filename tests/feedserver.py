"""A threaded HTTP server on 127.0.0.1 for feed tests, with well-behaved and broken routes.

    with FeedServer() as server:
        server.add("/ok.xml", body, etag='"v1"')
        server.hang("/never")
        url = server.url("/ok.xml")

Every request is logged (`server.requests`) with its headers, so tests can check
what the client sent (conditional GETs) and what was answered (304s).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/xml"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0  # seconds before answering
    behaviour: str = "static"  # static, hang, trickle, huge
    size: int = 0  # for huge: bytes to send
    declare_length: bool = True  # for huge: send Content-Length or not
    fail_first: int = 0  # answer the first N requests with fail_status
    fail_status: int = 503


@dataclass
class Logged:
    path: str
    headers: dict[str, str]
    status: int | None = None


class FeedServer:
    """Serves routes on 127.0.0.1 at a free port, one thread per connection."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Logged] = []
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- routes ---------------------------------------------------------------------

    def add(self, path: str, body: bytes | str = b"", **options) -> str:
        if isinstance(body, str):
            body = body.encode("utf-8")
        self.routes[path] = Route(body=body, **options)
        return self.url(path)

    def hang(self, path: str) -> str:
        """Accept the request and never answer."""
        return self.add(path, behaviour="hang")

    def trickle(self, path: str) -> str:
        """Answer 200 and send one byte at a time, forever (until the client leaves)."""
        return self.add(path, behaviour="trickle")

    def huge(self, path: str, size: int, *, declare_length: bool = True) -> str:
        return self.add(path, behaviour="huge", size=size, declare_length=declare_length)

    def redirect(self, path: str, to: str, status: int = 302) -> str:
        return self.add(path, status=status, headers={"Location": to})

    def url(self, path: str) -> str:
        assert self._httpd is not None, "start the server first"
        return f"http://127.0.0.1:{self._httpd.server_address[1]}{path}"

    def hits(self, path: str) -> list[Logged]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    # --- lifecycle ------------------------------------------------------------------

    def start(self) -> FeedServer:
        server = self

        class Handler(_Handler):
            feed_server = server

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        # Handlers end on `stopping` or when idle for Handler.timeout, so closing can join them.
        self._httpd.daemon_threads = False
        self._httpd.block_on_close = True
        self._httpd.request_queue_size = 512  # the benchmark opens hundreds of connections at once
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="feedserver", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()  # wakes hanging and trickling handlers
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FeedServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class _Handler(BaseHTTPRequestHandler):
    feed_server: FeedServer
    protocol_version = "HTTP/1.1"
    timeout = 5  # an idle keep-alive connection ends its thread after this

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:
        server = self.feed_server
        path = self.path.split("?", 1)[0]
        logged = Logged(path=path, headers={k.lower(): v for k, v in self.headers.items()})
        with server._lock:
            server.requests.append(logged)
        route = server.routes.get(path)
        if route is None:
            return self._send(logged, 404, b"not found", "text/plain")
        if route.delay:
            server.stopping.wait(route.delay)
        if route.fail_first and len(server.hits(path)) <= route.fail_first:
            return self._send(logged, route.fail_status, b"busy", "text/plain", route.headers)
        handler: Callable = getattr(self, f"_{route.behaviour}")
        handler(route, logged)

    def _static(self, route: Route, logged: Logged) -> None:
        headers = dict(route.headers)
        if route.etag:
            headers["ETag"] = route.etag
        if route.last_modified:
            headers["Last-Modified"] = route.last_modified
        if route.status == 200 and self._not_modified(route):
            return self._send(logged, 304, b"", None, headers)
        self._send(logged, route.status, route.body, route.content_type, headers)

    def _not_modified(self, route: Route) -> bool:
        tag = self.headers.get("If-None-Match")
        if route.etag and tag:
            return route.etag in [t.strip() for t in tag.split(",")]
        since = self.headers.get("If-Modified-Since")
        return bool(route.last_modified and since == route.last_modified)

    def _hang(self, route: Route, logged: Logged) -> None:
        self.feed_server.stopping.wait(60)
        self.close_connection = True

    def _trickle(self, route: Route, logged: Logged) -> None:
        logged.status = 200
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        self.send_header("Content-Length", "100000")
        self.end_headers()
        self._write(b"<")
        while not self.feed_server.stopping.wait(0.1):
            if not self._write(b" "):
                break
        self.close_connection = True

    def _huge(self, route: Route, logged: Logged) -> None:
        logged.status = 200
        self.send_response(200)
        self.send_header("Content-Type", "application/xml")
        if route.declare_length:
            self.send_header("Content-Length", str(route.size))
        else:
            self.send_header("Connection", "close")  # body ends when the connection does
        self.end_headers()
        chunk = b"<!-- padding -->" * 4096
        sent = 0
        while sent < route.size and not self.feed_server.stopping.is_set():
            if not self._write(chunk[: route.size - sent]):
                break
            sent += len(chunk)
        self.close_connection = True

    def _write(self, data: bytes) -> bool:
        try:
            self.wfile.write(data)
            self.wfile.flush()
            return True
        except (BrokenPipeError, ConnectionResetError):
            return False  # the client gave up, as it should

    def _send(
        self, logged: Logged, status: int, body: bytes, content_type: str | None, headers: dict[str, str] | None = None
    ) -> None:
        logged.status = status
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if status != 304:
            self._write(body)


class LocalOnly:
    """Refuses name lookups of any host but the loopback, and remembers who asked.

    Feed tests must never reach the network: an entry linking to a real host would
    otherwise make the full-text step try it.
    """

    LOCAL = ("127.0.0.1", "localhost", "::1")

    def __init__(self) -> None:
        self.refused: list[str] = []
        self._original = socket.getaddrinfo

    def getaddrinfo(self, host, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name not in self.LOCAL:
            self.refused.append(name)
            raise socket.gaierror(socket.EAI_NONAME, f"tests do not resolve {name}")
        return self._original(host, *args, **kwargs)


# How long a test waits for something that should happen: a hang guard only, generous so
# that a loaded machine (`make stress-test`) is slower, never failed.
HANG_GUARD = 60.0


def wait_until(condition: Callable[[], bool], timeout: float = HANG_GUARD) -> bool:
    """Poll `condition` until it holds or `timeout` passes."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.02)
    return condition()
