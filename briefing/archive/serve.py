"""`briefing serve`: the archive site over HTTP with the standard library's server.

A convenience for reading the archive on this machine: the site is plain files and
needs nothing of ours to be served."""

from __future__ import annotations

import functools
import logging
import sys
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from briefing.errors import UsageError

log = logging.getLogger(__name__)


class _Handler(SimpleHTTPRequestHandler):
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".json": "application/json",
        ".html": "text/html; charset=utf-8",
        ".js": "text/javascript",
    }

    def log_message(self, format: str, *args) -> None:  # noqa: A002  (the base class names it so)
        log.info("%s %s", self.address_string(), format % args)


def make_server(output_dir: Path, host: str = "127.0.0.1", port: int = 8000) -> ThreadingHTTPServer:
    """A server for `output_dir` (not yet serving); port 0 picks a free port."""
    folder = Path(output_dir)
    if not (folder / "index.html").is_file():
        raise UsageError(
            f"{folder} has no archive site yet", hint="run `briefing build` (or `briefing archive site`) first"
        )
    handler = functools.partial(_Handler, directory=str(folder))
    try:
        return ThreadingHTTPServer((host, port), handler)
    except OSError as exc:
        raise UsageError(
            f"cannot listen on {host}:{port}: {exc.strerror}",
            hint="choose another --port, or --port 0 for any free one",
        ) from None


def serve_forever(output_dir: Path, host: str, port: int) -> None:
    server = make_server(output_dir, host, port)
    bound = server.server_address[1]
    print(f"Serving {output_dir} at http://{host}:{bound}/ (Ctrl-C stops)", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
