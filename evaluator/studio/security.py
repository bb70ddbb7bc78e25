"""Who may talk to the studio: the token, the Host and Origin checks, bounded requests.

The studio edits files, so a web page in the same browser must not be able to drive it:

* a random token, printed in the URL the command gives (as Jupyter does); the first page load
  with ``?token=`` sets it as an HttpOnly, SameSite=Strict cookie and redirects to the URL
  without it; API callers send it as ``Authorization: Bearer TOKEN`` (or the cookie);
* the Host header must be the address the studio listens on (no DNS rebinding);
* a request that changes anything must come from the studio's own origin (no cross-site forms
  or fetches), judged by ``Origin`` and, when a browser sends it, ``Sec-Fetch-Site``;
* request bodies are read whole and capped (:data:`MAX_REQUEST_BYTES`) before the app sees
  them, whatever ``Content-Length`` says.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import parse_qs, urlencode

from evaluator.bounds import MAX_COMPARED
from evaluator.document import MAX_BYTES

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

COOKIE = "evaluator_token"
MAX_REQUEST_BYTES = (MAX_COMPARED + 1) * MAX_BYTES
"""Largest request body: a comparison of the most proposals at the largest size, as JSON."""
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
_PUBLIC_PREFIX = "/static/"
"""The editor's code and stylesheet: no secret, and a page needs them before any call."""


def new_token() -> str:
    """A token of 256 random bits, URL-safe."""
    return secrets.token_urlsafe(32)


class Guard:
    """ASGI middleware that refuses any request failing the checks above."""

    def __init__(self, app: App, token: str, hosts: frozenset[str]) -> None:
        self.app = app
        self.token = token
        self.hosts = hosts
        """Accepted Host headers: the listening host and port (and localhost for 127.0.0.1)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if headers.get("host", "") not in self.hosts:
            await _refuse(send, 403, "the Host header is not this studio's address")
            return
        method = scope["method"]
        if method not in _SAFE_METHODS and not self._same_origin(headers):
            await _refuse(send, 403, "cross-site request refused")
            return
        path: str = scope["path"]
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        given = query.get("token", [None])[0]
        if given is not None and secrets.compare_digest(given, self.token) and method == "GET":
            await _set_cookie_and_redirect(send, path, query, self.token)
            return
        if not path.startswith(_PUBLIC_PREFIX) and not self._authorised(headers):
            await _refuse(send, 401, "open the studio with the URL `evaluator serve` printed")
            return
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_REQUEST_BYTES):
            await _refuse(send, 413, f"requests are limited to {MAX_REQUEST_BYTES:,} bytes")
            return
        body = await _read_capped(receive)
        if body is None:
            await _refuse(send, 413, f"requests are limited to {MAX_REQUEST_BYTES:,} bytes")
            return
        await self.app(scope, _replay(body, receive), send)

    def _same_origin(self, headers: dict[str, str]) -> bool:
        origin = headers.get("origin")
        if origin is not None:
            return origin in {f"http://{host}" for host in self.hosts}
        site = headers.get("sec-fetch-site")
        return site in (None, "same-origin", "none")

    def _authorised(self, headers: dict[str, str]) -> bool:
        bearer = headers.get("authorization", "")
        if bearer.startswith("Bearer "):
            return secrets.compare_digest(bearer[len("Bearer ") :], self.token)
        for part in headers.get("cookie", "").split(";"):
            name, _, value = part.strip().partition("=")
            if name == COOKIE:
                return secrets.compare_digest(value, self.token)
        return False


async def _read_capped(receive: Receive) -> bytes | None:
    """The whole request body, or None once it passes the cap (whatever Content-Length said)."""
    parts: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(parts)
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_REQUEST_BYTES:
            return None
        parts.append(chunk)
        if not message.get("more_body", False):
            return b"".join(parts)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A receive channel that gives the body read once, then the server's own (which waits for
    the client to disconnect)."""
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replayed


async def _refuse(send: Send, status: int, message: str) -> None:
    body = f"{status}: {message}\n".encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def _set_cookie_and_redirect(
    send: Send, path: str, query: dict[str, list[str]], token: str
) -> None:
    rest = {k: v for k, v in query.items() if k != "token"}
    location = path + ("?" + urlencode(rest, doseq=True) if rest else "")
    cookie = f"{COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/"
    await send(
        {
            "type": "http.response.start",
            "status": 303,
            "headers": [
                (b"location", location.encode("latin-1")),
                (b"set-cookie", cookie.encode("latin-1")),
                (b"content-length", b"0"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": b""})
