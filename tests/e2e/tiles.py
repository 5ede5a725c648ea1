"""A local XYZ tile server for the browser tests: ``/tiles/{z}/{x}/{y}.png`` answers a
256x256 PNG drawn here (a colour per zoom level, a darker border and a diagonal, so a
screenshot of a tiled map is never one flat colour); it counts the requests per zoom level.

The app under test gets ``tile_url = <server>/tiles/{z}/{x}/{y}.png``, the same shape as
PDOK's BRT-Achtergrondkaart (EPSG:3857, XYZ order): no test reaches the internet.
"""

from __future__ import annotations

import io
import re
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType

from PIL import Image, ImageDraw

HOST = "127.0.0.1"
_PATH = re.compile(r"^/tiles/(\d+)/(\d+)/(\d+)\.png$")
#: Fill colour per zoom level (cycled): light land tones, as a base map has.
COLOURS: tuple[tuple[int, int, int], ...] = (
    (236, 231, 214),
    (221, 236, 214),
    (214, 228, 236),
    (236, 221, 230),
)


def tile_png(z: int, x: int, y: int) -> bytes:
    """One tile: the zoom level's colour, a grey border and a diagonal line."""
    img = Image.new("RGB", (256, 256), COLOURS[z % len(COLOURS)])
    draw = ImageDraw.Draw(img)
    draw.rectangle((0, 0, 255, 255), outline=(150, 150, 150), width=2)
    draw.line((0, 0, 255, 255), fill=(120, 120, 160), width=3)
    draw.text((12, 12), f"{z}/{x}/{y}", fill=(60, 60, 60))
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


class TileServer:
    """The tile server in a daemon thread; a context manager. ``counts[z]`` is the number
    of tiles served at zoom ``z``; ``fail`` makes every answer a 503."""

    def __init__(self) -> None:
        self.counts: Counter[int] = Counter()
        self.fail = False
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        """The XYZ template for the ``tile_url`` setting."""
        assert self._server is not None
        return f"http://{HOST}:{self._server.server_address[1]}/tiles/{{z}}/{{x}}/{{y}}.png"

    @property
    def total(self) -> int:
        """Tiles served so far."""
        with self._lock:
            return sum(self.counts.values())

    def start(self) -> TileServer:
        """Bind a free port and serve."""
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                m = _PATH.match(self.path.split("?", 1)[0])
                if m is None or owner.fail:
                    self.send_error(404 if m is None else 503)
                    return
                z, x, y = (int(g) for g in m.groups())
                body = tile_png(z, x, y)
                with owner._lock:
                    owner.counts[z] += 1
                self.send_response(200)
                self.send_header("Content-Type", "image/png")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                return

        self._server = ThreadingHTTPServer((HOST, 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="tile-server", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and close the socket."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._server = self._thread = None

    def __enter__(self) -> TileServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
