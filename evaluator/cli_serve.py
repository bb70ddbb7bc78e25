"""``evaluator serve``: the drafting studio, a local web page (needs ``evaluator[studio]``)."""

from __future__ import annotations

import socket
from pathlib import Path

import click

from evaluator.cli import cli
from evaluator.errors import EvaluatorError

DEFAULT_PORT = 8765
LOOPBACK = ("127.0.0.1", "localhost", "::1")


@cli.command()
@click.argument(
    "workspace",
    required=False,
    default=".",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=DEFAULT_PORT,
    show_default=True,
    help="Port to listen on (0: any free port).",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; anything but loopback lets other machines reach the studio.",
)
@click.option("--no-browser", is_flag=True, help="Print the address without opening a browser.")
def serve(workspace: Path, port: int, host: str, no_browser: bool) -> None:
    """Draft, score, compare and print proposals in a local web page (the studio).

    Opens WORKSPACE (default: this folder): its .yaml proposals, and new ones from the
    starters. The page shows the same diagnostics as `validate` as you type, the four scores
    and key metrics within a moment of a pause, recommendations you can apply, comparisons,
    and the brief. It listens on 127.0.0.1 only, and every request needs the random token in
    the address it prints. Stop it with Ctrl-C.

    \b
    Examples:
      evaluator serve proposals/
      evaluator serve . --port 9000 --no-browser
    """
    try:
        import uvicorn

        from evaluator.studio.app import create_app
        from evaluator.studio.security import new_token
    except ImportError:
        from evaluator.studio import MISSING

        raise EvaluatorError(MISSING) from None
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        raise EvaluatorError(f"cannot listen on {host}:{port} ({exc.strerror or exc})") from None
    port = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    hosts = {f"{shown}:{port}"}
    if host in LOOPBACK:
        hosts |= {f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"}
    token = new_token()
    url = f"http://{shown}:{port}/?token={token}"
    if host not in LOOPBACK:
        click.echo(f"warning: listening on {host}: other machines can reach the studio", err=True)
    click.echo(f"evaluator studio for {workspace.resolve()}: {url}", err=True)
    app = create_app(workspace, token, frozenset(hosts))
    if not no_browser:
        import webbrowser

        webbrowser.open(url)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    server.run(sockets=[sock])
