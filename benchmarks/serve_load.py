"""`feeds serve` under load, on loopback only (127.0.0.1).

    python benchmarks/serve_load.py [--seconds 30] [--clients 200] [--slow 500]

Builds ``seeds/`` into a temporary folder, serves it, then (1) runs ``--clients``
concurrent clients fetching the OPML index and a feed on new connections for
``--seconds``, and (2) holds ``--slow`` connections that sent half a request head while
timing other clients. Prints request counts, failures and latency percentiles, as JSON
with ``--json``. ``tests/test_serve_load.py`` runs a shorter version in CI.
"""

from __future__ import annotations

import argparse
import json
import socket
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from feeds.cli import main as feeds_main
from feeds.serve import FeedServer

HOST = "127.0.0.1"
PATHS = ("/index.opml", "/london-daily/rss.xml")


def fetch(address, path: str) -> float:
    started = time.monotonic()
    with socket.create_connection(address, timeout=10) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    if not data.startswith(b"HTTP/1.1 200"):
        raise RuntimeError(data[:40])
    return time.monotonic() - started


def percentiles(times: list[float]) -> dict[str, float]:
    times = sorted(times) or [0.0]
    pick = lambda q: round(times[min(len(times) - 1, int(len(times) * q))] * 1000, 1)  # noqa: E731
    return {"p50_ms": pick(0.5), "p90_ms": pick(0.9), "p99_ms": pick(0.99),
            "max_ms": round(times[-1] * 1000, 1)}


def concurrent(address, clients: int, seconds: float) -> dict:
    deadline = time.monotonic() + seconds
    times: list[float] = []
    failures: list[str] = []

    def client(n: int) -> None:
        i = n
        while time.monotonic() < deadline:
            try:
                times.append(fetch(address, PATHS[i % len(PATHS)]))
            except Exception as exc:
                failures.append(repr(exc))
            i += 1

    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(client, range(clients)))
    return {"clients": clients, "seconds": seconds, "requests": len(times),
            "failed": len(failures), **percentiles(times)}


def slow(address, connections: int, probes: int = 200) -> dict:
    held = []
    try:
        for _ in range(connections):
            sock = socket.create_connection(address, timeout=10)
            sock.sendall(b"GET /index.opml HTTP/1.1\r\nHost: x\r\n")
            held.append(sock)
        times = [fetch(address, PATHS[i % 2]) for i in range(probes)]
    finally:
        for sock in held:
            sock.close()
    return {"slow_connections": connections, "probes": probes, **percentiles(times)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--slow", type=int, default=500)
    parser.add_argument("--json", metavar="FILE")
    args = parser.parse_args()
    root = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp, "out")
        out.mkdir()
        server = FeedServer(out, (HOST, 0), quiet=True, request_timeout=60.0)
        assert feeds_main(["build", str(root / "seeds"), "-o", str(out), "--quiet",
                           "--base-url", server.url]) == 0
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            report = {"concurrent": concurrent(server.server_address, args.clients,
                                               args.seconds),
                      "slow": slow(server.server_address, args.slow)}
        finally:
            server.shutdown()
            server.server_close()
    for name, row in report.items():
        print(f"{name:<11} " + "  ".join(f"{k}={v}" for k, v in row.items()))
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n")


if __name__ == "__main__":
    main()
