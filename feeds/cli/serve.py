"""``feeds serve``: the output folder over HTTP on this machine."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from feeds import config
from feeds.serve import built_base_url, make_server


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve",
        help="serve the output folder so a reader on this machine can subscribe",
        description="Serve OUT over HTTP with feed media types, ETag/Last-Modified (304) and "
        "gzip. The default address matches the default base_url in feeds.toml.",
    )
    p.add_argument("output", nargs="?", metavar="OUT",
                   help="folder to serve (default: [build].output, out/)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default: %(default)s)")
    p.add_argument("--port", type=int, default=8000,
                   help="port to listen on, 0 for any free port (default: %(default)s)")
    p.add_argument("--config", help="settings file (default: ./feeds.toml when present)")
    p.add_argument("--quiet", action="store_true",
                   help="print nothing but the address: no request log, no notes")
    p.set_defaults(func=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    settings = config.load(args.config)
    root = Path(args.output or settings.output)
    server = make_server(root, args.host, args.port, quiet=args.quiet)
    print(f"Serving {root}/ at {server.url} (Ctrl-C to stop)", flush=True)
    built = built_base_url(root)  # what the feeds say, not what feeds.toml says now
    if built is not None and built != server.url and not args.quiet:
        print(f"note: the feeds in {root}/ link to {built}; rebuild with "
              f"--base-url {server.url} for links that work here", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
