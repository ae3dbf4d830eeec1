"""`briefing serve`: the dashboard in a web browser, through textual-serve, made safe to
leave running.

textual-serve serves its page to anyone who can reach the port and has the page fetch a
font from Google. Here the socket is bound before anything is printed (a busy port is one
line, and port 0 picks a free one that is then named), the page loads nothing from outside
this machine (the font it names is served from textual-serve's own static files), and off
this machine every request must carry a token: in the URL printed once, after which the
page's own requests carry it in a cookie that no other site's page can send.
"""

from __future__ import annotations

import asyncio
import gc
import hmac
import ipaddress
import re
import secrets
import signal
import socket
from importlib import resources
from typing import Any

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}
COOKIE = "briefing_token"


def is_loopback(host: str) -> bool:
    """Whether listening on ``host`` reaches this machine only."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` (port 0: a free one). Raises OSError, said by the caller."""
    family, kind, protocol, _, address = socket.getaddrinfo(host.strip("[]"), port, type=socket.SOCK_STREAM)[0]
    listener = socket.socket(family, kind, protocol)
    try:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(address)
        listener.listen(128)
    except OSError:
        listener.close()
        raise
    return listener


def new_token() -> str:
    return secrets.token_urlsafe(24)


def _page_template() -> str:
    """textual-serve's page, without its request to Google Fonts: the font it names is in
    textual-serve's static files, served from here."""
    page = resources.files("textual_serve").joinpath("templates/app_index.html").read_text(encoding="utf-8")
    page, links = re.subn(r"\s*<link[^>]*fonts\.googleapis\.com[^>]*/>", "", page, flags=re.S)
    font = (
        "<style>@font-face{font-family:'Roboto Mono';"
        "src:url('{{ config.static.url }}fonts/RobotoMono-VariableFont_wght.ttf') format('truetype');}</style>\n  </head>"
    )
    page = page.replace("</head>", font, 1)
    if links != 1 or "googleapis" in page:  # a new textual-serve: look again rather than leak
        raise RuntimeError("textual-serve's page changed: its outside font could not be taken out")
    return page


def make_server(command: str, listener: socket.socket, title: str, token: str | None) -> Any:
    """A textual-serve Server on an already bound socket, serving our page, and, with a
    token, refusing every request that does not carry it."""
    import aiohttp_jinja2
    import jinja2
    from aiohttp import web
    from textual_serve.server import Server, to_int

    host, port = listener.getsockname()[:2]

    class BriefingServer(Server):
        async def _make_app(self) -> web.Application:
            app = web.Application(middlewares=[self.check_token] if token else [])
            aiohttp_jinja2.setup(app, loader=jinja2.DictLoader({"app_index.html": _page_template()}))
            app.add_routes(
                [
                    web.get("/", self.handle_index, name="index"),
                    web.get("/ws", self.handle_websocket, name="websocket"),
                    web.get("/download/{key}", self.handle_download, name="download"),
                    web.static("/static", self.statics_path, name="static"),
                ]
            )
            return app

        @web.middleware
        async def check_token(self, request: web.Request, handler: Any) -> web.StreamResponse:
            given = request.query.get("token") or request.cookies.get(COOKIE) or ""
            if not hmac.compare_digest(given.encode(), token.encode()):  # type: ignore[union-attr]
                raise web.HTTPForbidden(text="briefing: this address needs the token printed when the server started\n")
            origin = request.headers.get("Origin")
            if origin is not None and re.sub(r"^https?://", "", origin) != request.host:
                raise web.HTTPForbidden(text="briefing: a page of another site may not use this server\n")
            response = await handler(request)
            if request.query.get("token") and isinstance(response, web.Response):
                response.set_cookie(COOKIE, token, httponly=True, samesite="Strict", path="/")  # type: ignore[arg-type]
            return response

        @aiohttp_jinja2.template("app_index.html")
        async def handle_index(self, request: web.Request) -> dict[str, Any]:
            # The addresses the page uses are the ones the browser reached: the bound host
            # (0.0.0.0, or a name) is no address for a browser elsewhere.
            base = f"{request.scheme}://{request.host}"
            return {
                "font_size": to_int(request.query.get("fontsize", "16"), 16),
                "app_websocket_url": ("wss" if request.scheme == "https" else "ws") + f"://{request.host}/ws",
                "config": {"static": {"url": f"{base}/static/"}},
                "application": {"name": self.title},
            }

        def serve(self, debug: bool = False) -> None:
            self.debug = debug
            self.initialize_logging()
            loop = asyncio.new_event_loop()
            asyncio.set_event_loop(loop)
            try:
                loop.add_signal_handler(signal.SIGINT, self.request_exit)
                loop.add_signal_handler(signal.SIGTERM, self.request_exit)
            except NotImplementedError:  # pragma: no cover - not on Linux
                pass
            close = loop.close

            def close_after_collecting() -> None:
                # run_app closes the loop once its tasks are cancelled; a dashboard's subprocess
                # transport that only a finished task still held was then collected after that,
                # and its __del__ printed "Event loop is closed" (seen once, under load, in CI).
                # Collected here, while the loop can still take the callbacks of its closing.
                gc.collect()
                loop.run_until_complete(asyncio.sleep(0))
                close()

            loop.close = close_after_collecting  # type: ignore[method-assign]
            web.run_app(self._make_app(), sock=listener, handle_signals=False, loop=loop, print=lambda *args: None)

    return BriefingServer(command, host=str(host), port=int(port), title=title)
