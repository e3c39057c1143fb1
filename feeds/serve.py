"""Serve an output folder over HTTP, so a reader on this machine can subscribe at once.

A static server with what feed readers rely on: the right media types with a charset,
a strong ``ETag`` and ``Last-Modified`` on every file (``304`` on a repeat fetch, so
polling is cheap), gzip when the client accepts it, and ``HEAD``. Only regular files
inside the folder are served: ``..`` segments, encoded or not, absolute paths, dot files
(the build lock, temp files) and symlinks that lead outside all answer ``404``.
For production any static server will do (see the README's nginx snippet).

Load: a thread per connection (stdlib ``ThreadingHTTPServer``) behind a listen backlog
of ``BACKLOG``, so a burst of clients waits in the kernel's queue instead of being
refused. A client gets ``REQUEST_TIMEOUT`` seconds to send each request head, and each
read or write on its socket ``IDLE_TIMEOUT`` seconds: an idle keep-alive connection or a
client dripping a header byte by byte is closed, so slow clients cannot pile up
threads. HTTP/1.0 clients asking for keep-alive get ``Connection: keep-alive``; a
client that hangs up mid-response is not an error worth a traceback.

One module, longer than most here: the path checks, the conditional answers, gzip and
the timeouts are one defence against hostile or slow clients, and are read together.
"""

from __future__ import annotations

import contextlib
import errno
import gzip
import hashlib
import json
import mimetypes
import os
import posixpath
import socket
import sys
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from functools import lru_cache
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from feeds import __version__
from feeds.errors import FeedsError
from feeds.publish import layout

BACKLOG = 1024  # pending connections the kernel queues (socketserver's default: 5)
IDLE_TIMEOUT = 10.0  # seconds a socket read or write may wait
REQUEST_TIMEOUT = 10.0  # seconds a client has to send a request head, however slowly

RSS = "application/rss+xml"
ATOM = "application/atom+xml"
JSON_FEED = "application/feed+json"
OPML = "text/x-opml"
HTML = "text/html"
TEXT_TYPES = frozenset({RSS, ATOM, JSON_FEED, OPML, HTML, "application/xml",
                        "application/json", "text/plain", "text/css", "text/javascript"})
_BY_KIND = {"rss": RSS, "atom": ATOM, "json": JSON_FEED}
_BY_NAME = {name: _BY_KIND[kind] for kind, name in layout.FEEDS}  # the build's feed files
_BY_SUFFIX = {".opml": OPML, ".html": HTML, ".htm": HTML, ".json": "application/json",
              ".xml": "application/xml", ".txt": "text/plain", ".css": "text/css"}
_BY_ROOT = {"rss": RSS, "{http://www.w3.org/2005/Atom}feed": ATOM, "opml": OPML}
_JSON_FEED_VERSION = "https://jsonfeed.org/version/"


@dataclass(frozen=True)
class Entity:
    """One file as served: its bytes, validators and media type."""

    body: bytes
    etag: str  # strong: a hash of the bytes, quoted
    mtime: int  # whole seconds, as Last-Modified carries it
    content_type: str

    @property
    def last_modified(self) -> str:
        return formatdate(self.mtime, usegmt=True)

    @property
    def compressible(self) -> bool:
        return self.content_type.split(";")[0] in TEXT_TYPES


def media_type(name: str, data: bytes) -> str:
    """The type for a file: feeds by name, other XML by its root element, else by suffix."""
    if name in _BY_NAME:
        return _BY_NAME[name]
    suffix = posixpath.splitext(name)[1].lower()
    if suffix == ".xml":
        return _xml_root_type(data)
    if suffix == ".json" and _is_json_feed(data):
        return JSON_FEED
    return _BY_SUFFIX.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"


def _xml_root_type(data: bytes) -> str:
    parser = etree.XMLPullParser(events=("start",), resolve_entities=False, no_network=True)
    try:
        parser.feed(data[:65536])
        for _, element in parser.read_events():
            return _BY_ROOT.get(str(element.tag), "application/xml")
    except etree.XMLSyntaxError:
        pass
    return "application/xml"


def _is_json_feed(data: bytes) -> bool:
    try:
        version = json.loads(data).get("version", "")
    except (ValueError, AttributeError):
        return False
    return isinstance(version, str) and version.startswith(_JSON_FEED_VERSION)


def with_charset(content_type: str) -> str:
    return f"{content_type}; charset=utf-8" if content_type in TEXT_TYPES else content_type


def resolve(root: Path, url_path: str) -> Path | None:
    """The file or folder a URL path names inside ``root`` (already resolved), else None.

    Decoding happens once, before the checks, so ``%2e%2e`` and ``%2f`` are caught too.
    """
    path = unquote(url_path, errors="strict") if "%" in url_path else url_path
    if "\x00" in path or "\\" in path:
        return None
    parts = [p for p in path.split("/") if p]
    if any(p.startswith(".") for p in parts):  # "..", and dot files: lock, temp files
        return None
    candidate = root.joinpath(*parts)
    try:
        real = candidate.resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    return real if real.is_relative_to(root) else None


def load(path: Path) -> Entity:
    """Read a file; its validators come from the same open descriptor as its bytes.

    Builds replace files by rename, so the descriptor sees one whole version of the file.
    """
    with open(path, "rb") as handle:
        mtime = os.fstat(handle.fileno()).st_mtime_ns // 1_000_000_000
        body = handle.read()
    digest = hashlib.sha256(body).hexdigest()[:32]
    kind = with_charset(media_type(path.name, body))
    return Entity(body, f'"{digest}"', mtime, kind)


@lru_cache(maxsize=64)
def gzipped(body: bytes) -> bytes:
    """Deterministic gzip (no timestamp in the header), remembered for repeat fetches."""
    return gzip.compress(body, compresslevel=6, mtime=0)


def accepts_gzip(header: str | None) -> bool:
    """True when ``Accept-Encoding`` gives gzip (else ``*``) a non-zero q."""
    q: dict[str, float] = {}
    for part in (header or "").split(","):
        coding, _, params = part.partition(";")
        q[coding.strip().lower()] = _qvalue(params)
    return q.get("gzip", q.get("x-gzip", q.get("*", 0.0))) > 0


def _qvalue(params: str) -> float:
    for param in params.split(";"):
        name, _, value = param.strip().partition("=")
        if name.strip().lower() == "q":
            try:
                return float(value)
            except ValueError:
                return 0.0
    return 1.0


def etag_matches(header: str, tags: Iterable[str]) -> bool:
    """``If-None-Match`` uses weak comparison: ``W/`` is ignored, ``*`` matches any file."""
    wanted = {t.strip().removeprefix("W/") for t in header.split(",")}
    return "*" in wanted or any(t in wanted for t in tags)


def not_modified(entity: Entity, if_none_match: str | None, if_modified_since: str | None) -> bool:
    if if_none_match is not None:  # takes precedence over If-Modified-Since (RFC 9110)
        return etag_matches(if_none_match, (entity.etag, _gzip_etag(entity.etag)))
    if if_modified_since:
        try:
            since = parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError):
            return False
        return since.tzinfo is not None and entity.mtime <= since.timestamp()
    return False


def _gzip_etag(etag: str) -> str:
    """The gzip form is another representation, so it gets its own strong tag."""
    return etag[:-1] + '-gzip"'


class Handler(BaseHTTPRequestHandler):
    """GET and HEAD for the files under ``server.root``."""

    server: FeedServer
    protocol_version = "HTTP/1.1"
    server_version = f"feeds/{__version__}"
    timeout = IDLE_TIMEOUT  # StreamRequestHandler sets it on the socket
    _connection_sent = False

    def version_string(self) -> str:
        return self.server_version  # no Python version in the Server header

    def handle_one_request(self) -> None:
        """One request: its head must arrive within ``REQUEST_TIMEOUT``."""
        self._connection_sent = False
        self.server.watch(self.connection, self.server.request_timeout)
        try:
            super().handle_one_request()
        finally:
            self.server.unwatch(self.connection)

    def parse_request(self) -> bool:
        ok = super().parse_request()
        self.server.unwatch(self.connection)  # the head is in: the deadline is met
        return ok

    def send_header(self, keyword: str, value: str) -> None:
        if keyword.lower() == "connection":
            self._connection_sent = True
        super().send_header(keyword, value)

    def end_headers(self) -> None:
        """Say whether the connection stays open: an HTTP/1.0 client waits for the server
        to close unless it is told ``keep-alive`` (``ab -k`` hung)."""
        if not self._connection_sent and self.request_version != "HTTP/0.9":
            if self.close_connection:
                self.send_header("Connection", "close")
            elif self.request_version == "HTTP/1.0":
                self.send_header("Connection", "keep-alive")
        super().end_headers()

    def do_GET(self) -> None:
        self._serve(body=True)

    def do_HEAD(self) -> None:
        self._serve(body=False)

    def _serve(self, body: bool) -> None:
        url = urlsplit(self.path)
        try:
            target = resolve(self.server.root, url.path)
        except UnicodeDecodeError:
            target = None
        if target is not None and target.is_dir():
            if not url.path.endswith("/"):  # relative links in index.html need the slash
                # One leading slash: "//host/x" would send the client to another host.
                location = "/" + url.path.lstrip("/") + "/"
                self._redirect(location + (f"?{url.query}" if url.query else ""))
                return
            target = resolve(self.server.root, url.path + layout.INDEX)
        elif url.path.endswith("/"):  # "/rss.xml/" names a folder, and there is none
            target = None
        if target is None or not target.is_file():
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        try:
            entity = load(target)
        except OSError:
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        self._send(entity, body)

    def _send(self, entity: Entity, body: bool) -> None:
        use_gzip = entity.compressible and accepts_gzip(self.headers.get("Accept-Encoding"))
        payload = gzipped(entity.body) if use_gzip else entity.body
        etag = _gzip_etag(entity.etag) if use_gzip else entity.etag
        if not_modified(entity, self.headers.get("If-None-Match"),
                        self.headers.get("If-Modified-Since")):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self._validators(entity, etag)
            self.end_headers()
            return
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", entity.content_type)
        self.send_header("Content-Length", str(len(payload)))
        if use_gzip:
            self.send_header("Content-Encoding", "gzip")
        self._validators(entity, etag)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if body:
            self.wfile.write(payload)

    def _validators(self, entity: Entity, etag: str) -> None:
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", entity.last_modified)
        self.send_header("Cache-Control", "no-cache")  # store, but revalidate every time
        if entity.compressible:
            self.send_header("Vary", "Accept-Encoding")

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        if not self.server.quiet:
            sys.stderr.write(f"{self.address_string()} - {format % args}\n")


class FeedServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = BACKLOG

    def __init__(self, root: Path, address: tuple[str, int], quiet: bool = False,
                 request_timeout: float = REQUEST_TIMEOUT) -> None:
        self.root = root.resolve(strict=True)
        self.quiet = quiet
        self.request_timeout = request_timeout
        self._deadlines: dict[socket.socket, float] = {}
        self._guard = threading.Lock()
        self._reaper: threading.Thread | None = None
        self._closed = threading.Event()
        super().__init__(address, Handler)

    @property
    def url(self) -> str:
        host, port = self.socket.getsockname()[:2]  # server_address, typed for IP
        host = f"[{host}]" if ":" in str(host) else host
        return f"http://{host}:{port}/"

    def watch(self, conn: socket.socket, seconds: float) -> None:
        """Close ``conn`` if it is still watched ``seconds`` from now."""
        with self._guard:
            self._deadlines[conn] = time.monotonic() + seconds
            if self._reaper is None:
                self._reaper = threading.Thread(target=self._reap, name="feeds-serve-reaper",
                                                daemon=True)
                self._reaper.start()

    def unwatch(self, conn: socket.socket) -> None:
        with self._guard:
            self._deadlines.pop(conn, None)

    def _reap(self) -> None:
        """Shut down connections past their deadline: the blocked read returns at once
        and the thread ends (a socket timeout alone restarts with every byte)."""
        while not self._closed.wait(min(0.5, self.request_timeout / 4)):
            now = time.monotonic()
            with self._guard:
                late = [c for c, t in self._deadlines.items() if t <= now]
                for conn in late:
                    del self._deadlines[conn]
            for conn in late:
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)

    def server_close(self) -> None:
        self._closed.set()
        super().server_close()

    def handle_error(self, request: object, client_address: tuple[str, int]) -> None:
        """A client that went away (reset, broken pipe, timeout) is not an error; anything
        else is one line, without a traceback, unless ``quiet``."""
        exc = sys.exc_info()[1]
        if isinstance(exc, ConnectionError | TimeoutError):
            return
        if not self.quiet:
            sys.stderr.write(f"feeds serve: {client_address[0]}: "
                             f"{type(exc).__name__}: {exc}\n")


def make_server(root: Path, host: str = "127.0.0.1", port: int = 8000,
                quiet: bool = False) -> FeedServer:
    """A bound server (port 0 picks a free one); call ``serve_forever`` to run it."""
    if not root.is_dir():
        raise FeedsError(f"{root}: no such folder (run 'feeds build' first)")
    try:
        return FeedServer(root, (host, port), quiet=quiet)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise FeedsError(f"port {port} is in use; try --port 0") from None
        if exc.errno == errno.EACCES:
            raise FeedsError(f"port {port} needs privileges; try a port above 1023 "
                             "or --port 0") from None
        if exc.errno == errno.EADDRNOTAVAIL or isinstance(exc, socket.gaierror):
            raise FeedsError(f"cannot listen on {host}: not an address of this "
                             "machine") from None
        raise


def built_base_url(root: Path) -> str | None:
    """The base URL the output's feeds were built with, read from its OPML index (the
    site page link of the first subscription, less the site's folder)."""
    try:
        doc = etree.parse(str(root / layout.OPML),
                          etree.XMLParser(resolve_entities=False, no_network=True))
    except (OSError, etree.XMLSyntaxError):
        return None
    for outline in doc.iter("outline"):
        page = outline.get("htmlUrl") or ""
        if page.endswith("/"):
            return page[: page.rstrip("/").rfind("/") + 1] or None
    return None
