"""`feeds serve` under load and against misbehaving clients, on loopback only.

The load tests are marked ``slow`` and bounded in time (about 20 s together); CI runs
them with the rest. ``benchmarks/serve_load.py`` runs the longer version.
"""

import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from feeds.cli import main
from feeds.errors import FeedsError
from feeds.serve import BACKLOG, FeedServer, built_base_url, make_server

from .conftest import ROOT, SEEDS

HOST = "127.0.0.1"  # never any other address


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("load") / "out"
    assert main(["build", str(SEEDS), "-o", str(out), "--base-url",
                 "https://feeds.example/news/"]) == 0
    return out


def _serve(out, **kwargs) -> FeedServer:
    server = FeedServer(out, (HOST, 0), quiet=True, **kwargs)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _stop(server: FeedServer) -> None:
    server.shutdown()
    server.server_close()


def _response(sock: socket.socket) -> tuple[bytes, bytes]:
    """(head, body) of one response read off ``sock`` (Content-Length framed)."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed before the head")
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = int(next(line.split(b":")[1] for line in head.split(b"\r\n")
                      if line.lower().startswith(b"content-length:")))
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError("closed mid-body")
        body += chunk
    return head, body


def _closed(sock: socket.socket, within: float) -> bool:
    sock.settimeout(within)
    try:
        return sock.recv(1) == b""
    except TimeoutError:
        return False
    except ConnectionError:
        return True


def test_http10_keep_alive_is_answered_and_kept(built):
    server = _serve(built)
    try:
        with socket.create_connection(server.server_address, timeout=5) as sock:
            for _ in range(3):  # three requests on one connection, as `ab -k` sends them
                sock.sendall(b"GET /index.opml HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n")
                head, body = _response(sock)
                assert head.startswith(b"HTTP/1.1 200") and body.startswith(b"<?xml")
                assert b"\r\nConnection: keep-alive" in head
        with socket.create_connection(server.server_address, timeout=5) as sock:
            sock.sendall(b"GET /index.opml HTTP/1.0\r\n\r\n")  # no keep-alive: closed
            head, _ = _response(sock)
            assert b"\r\nConnection: close" in head
            assert _closed(sock, 5)
        with socket.create_connection(server.server_address, timeout=5) as sock:
            sock.sendall(b"GET /nope HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            head, _ = _response(sock)
            assert head.startswith(b"HTTP/1.1 404") and head.count(b"Connection:") == 1
    finally:
        _stop(server)


def test_idle_and_dripping_clients_are_closed(built):
    server = _serve(built, request_timeout=1.0)
    try:
        idle = socket.create_connection(server.server_address, timeout=5)
        drip = socket.create_connection(server.server_address, timeout=5)
        started = time.monotonic()
        cut = False
        for byte in b"GET /index.opml HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n":
            try:
                drip.sendall(bytes([byte]))  # one byte at a time: never a whole head
            except ConnectionError:  # the server closed it
                cut = True
                break
            time.sleep(0.05)
        assert cut or _closed(drip, 3)
        assert _closed(idle, 3)
        assert time.monotonic() - started < 4
        idle.close()
        drip.close()
        with socket.create_connection(server.server_address, timeout=5) as sock:
            sock.sendall(b"GET /index.opml HTTP/1.1\r\nHost: x\r\n\r\n")
            assert _response(sock)[0].startswith(b"HTTP/1.1 200")  # still serving
            assert _closed(sock, 3)  # an idle keep-alive connection is closed too
    finally:
        _stop(server)


def test_disconnected_clients_are_not_errors(built, capsys):
    server = FeedServer(built, (HOST, 0), quiet=False)
    try:
        for exc in (ConnectionResetError(104, "reset"), BrokenPipeError(32, "pipe"),
                    TimeoutError("timed out")):
            try:
                raise exc
            except OSError:
                server.handle_error(None, (HOST, 1234))
        assert capsys.readouterr().err == ""
        try:
            raise ValueError("a bug")
        except ValueError:
            server.handle_error(None, (HOST, 1234))
        assert capsys.readouterr().err == "feeds serve: 127.0.0.1: ValueError: a bug\n"
        server.quiet = True
        try:
            raise ValueError("a bug")
        except ValueError:
            server.handle_error(None, (HOST, 1234))
        assert capsys.readouterr().err == ""
    finally:
        server.server_close()


def test_a_port_in_use_says_so(built, capsys):
    with socket.socket() as taken:
        taken.bind((HOST, 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(FeedsError, match=f"^port {port} is in use; try --port 0$"):
            make_server(built, HOST, port)
        assert main(["serve", str(built), "--port", str(port)]) == 2
        assert capsys.readouterr().err == f"feeds: error: port {port} is in use; try --port 0\n"


def test_the_base_url_note_comes_from_the_output(built, tmp_path):
    assert built_base_url(built) == "https://feeds.example/news/"
    (tmp_path / "feeds.toml").write_text('[build]\nbase_url = "http://127.0.0.1:8000/"\n')
    proc = subprocess.Popen(
        [sys.executable, "-m", "feeds", "serve", str(built), "--port", "0"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    try:
        url = proc.stdout.readline().split(" at ", 1)[1].split()[0]
        note = proc.stderr.readline()
        assert note == (f"note: the feeds in {built}/ link to https://feeds.example/news/; "
                        f"rebuild with --base-url {url} for links that work here\n")
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _get(address, path: str = "/index.opml") -> float:
    """Seconds for one whole GET on a new connection."""
    started = time.monotonic()
    with socket.create_connection(address, timeout=10) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        head, _ = _response(sock)
    assert head.startswith(b"HTTP/1.1 200"), head[:40]
    return time.monotonic() - started


@pytest.mark.slow
def test_200_concurrent_clients_are_all_answered(built):
    assert BACKLOG >= 200
    server = _serve(built)
    try:
        deadline = time.monotonic() + 8  # bounded: as many rounds as fit
        failures = []

        def client(_: int) -> int:
            done = 0
            while time.monotonic() < deadline:
                try:
                    _get(server.server_address)
                    done += 1
                except Exception as exc:  # counted: the test wants none
                    failures.append(repr(exc))
            return done

        with ThreadPoolExecutor(200) as pool:
            answered = sum(pool.map(client, range(200)))
        assert failures == [] and answered >= 200
    finally:
        _stop(server)


@pytest.mark.slow
def test_500_slow_connections_do_not_hold_up_other_clients(built):
    server = _serve(built, request_timeout=30.0)
    slow = []
    try:
        for _ in range(500):  # each sends half a request head, then nothing
            sock = socket.create_connection(server.server_address, timeout=10)
            sock.sendall(b"GET /index.opml HTTP/1.1\r\nHost: x\r\n")
            slow.append(sock)
        time.sleep(0.5)
        times = sorted(_get(server.server_address) for _ in range(30))
        assert times[len(times) // 2] < 0.1, times  # median
        assert times[int(len(times) * 0.9)] < 0.1, times
    finally:
        for sock in slow:
            sock.close()
        _stop(server)
