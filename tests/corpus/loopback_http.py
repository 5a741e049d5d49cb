"""Loopback HTTP server used by the fetch and sources tests (127.0.0.1 only, never the internet).

Kept in its own uniquely named module (not conftest) so test files can import the classes safely.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    """What the local server sends for one path."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "text/html; charset=utf-8"})
    content_length: bool = True
    delay: float = 0.0
    drip: float = 0.0
    stream_forever: bool = False


@dataclass
class Seen:
    """One request the server received."""

    path: str
    headers: dict[str, str]


Route = Reply | Callable[[Seen], Reply]


class LocalServer:
    """A threaded HTTP/1.0 server on 127.0.0.1 that counts every TCP connection it accepts."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.connections = 0
        self.requests: list[Seen] = []
        self.stop = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                seen = Seen(self.path, {k.lower(): v for k, v in self.headers.items()})
                outer.requests.append(seen)
                route = outer.routes.get(self.path.split("?")[0], Reply(404, b"not here"))
                reply = route(seen) if callable(route) else route
                if reply.delay and outer.stop.wait(reply.delay):
                    return
                try:
                    if reply.drip:
                        self.wfile.write(f"HTTP/1.0 {reply.status} OK\r\n".encode())
                        for _ in range(200):
                            self.wfile.write(b"X")
                            self.wfile.flush()
                            if outer.stop.wait(reply.drip):
                                return
                        return
                    self.send_response(reply.status)
                    for key, value in reply.headers.items():
                        self.send_header(key, value)
                    if reply.content_length:
                        self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    self.wfile.write(reply.body)
                    if reply.stream_forever:
                        chunk = b"a" * 65536
                        deadline = time.monotonic() + 10
                        while not outer.stop.is_set() and time.monotonic() < deadline:
                            self.wfile.write(chunk)
                except OSError:
                    pass

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def verify_request(self, request: Any, client_address: Any) -> bool:
                outer.connections += 1
                return True

        self.httpd = Server(("127.0.0.1", 0), Handler)
        self.port = int(self.httpd.server_address[1])
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.02,), daemon=True)

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def start(self) -> None:
        self.thread.start()

    def close(self) -> None:
        self.stop.set()
        self.httpd.shutdown()
        self.httpd.server_close()
