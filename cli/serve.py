"""serve: the knowledge base in a browser (web/, the optional `serve` extra)."""

from __future__ import annotations

import gc
import ipaddress
import socket
from typing import Annotated

import typer

from .app import Exit, RootOpt, command, env, fail, load

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8000
WILDCARDS = ("0.0.0.0", "::")


@command("""
tipkb serve                      # http://127.0.0.1:8000/
tipkb serve --port 8080
tipkb serve --host 0.0.0.0       # every interface: a warning
""")
def serve(
    host: Annotated[str, typer.Option("--host", metavar="ADDRESS", show_default=False,
                                      help=f"Listen on ADDRESS [default: {DEFAULT_HOST}, this machine only]. Another "
                                           "address makes the pages readable from the network (a warning says so).")]
    = DEFAULT_HOST,
    port: Annotated[int, typer.Option("--port", metavar="PORT", min=1, max=65535, show_default=False,
                                      help=f"Listen on PORT [default: {DEFAULT_PORT}].")] = DEFAULT_PORT,
    root: RootOpt = None,
) -> None:
    """Serve the knowledge base as web pages: an article at a date with its timeline, the gap report (with an
    uploaded draft), qualification of a case, comparison of two points, search and audit, in en/ru/kk.

    Prints the address, then serves until interrupted (Ctrl-C). Uploaded drafts and facts stay in memory; no
    request is logged.
    """
    try:
        import uvicorn

        from web.app import create_app
    except ImportError as e:
        fail(Exit.USAGE, f"tipkb serve needs the serve extra ({e.name} is not installed): "
                         f"pip install 'tipkb[serve]'")
    gc.enable()  # a server runs until stopped: it collects its garbage, unlike a command's short run (cli.run)
    kb = load(root)
    # Read whole now: a server outlives the cache folder its articles come from (a KB keeps two, kb/cache.py).
    kb.articles, kb.digests = dict(kb.articles), {number: kb.digest(number) for number in kb.articles}
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                                             flags=socket.AI_PASSIVE)[0]
    except socket.gaierror as e:
        fail(Exit.USAGE, f"--host: not an address: {host!r} ({e.strerror or e})")
    try:
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError as e:
        fail(Exit.IO, f"cannot listen on {host} port {port}: {e.strerror or e}")
    ip = ipaddress.ip_address(address[0].split("%")[0])
    app = create_app(kb, today, hosts=allowed_hosts(host, ip))
    shown = "127.0.0.1" if host in WILDCARDS else f"[{host}]" if ":" in host else host
    env().out(f"tipkb: serving the knowledge base at http://{shown}:{port}/ (Ctrl-C to stop)")
    if not ip.is_loopback:
        env().err(f"tipkb: warning: {host} is not a loopback address: anyone who can reach this machine on port "
                  f"{port} can read these pages and upload drafts and facts to it")
    env().stdout.flush()
    config = uvicorn.Config(app, access_log=False, log_level="warning", server_header=False, proxy_headers=False)
    uvicorn.Server(config).run(sockets=[sock])


def today():
    """Today, read afresh for each request (the server may run past midnight), from cli/env.py's clock."""
    from .env import Env

    return Env().today


def allowed_hosts(host: str, ip) -> list[str]:
    """The names a request's Host header may carry: the address served, and this machine's own names for it (a
    page fetched under any other name is a DNS rebinding attempt)."""
    names = {host.lower(), f"[{host}]" if ":" in host else host}
    if ip.is_loopback or host in WILDCARDS:
        names |= {"localhost", "127.0.0.1", "[::1]"}
    if host in WILDCARDS:
        names |= {socket.gethostname().lower(), socket.getfqdn().lower()}
    return sorted(names)
