"""plotly.js for the pages: the partial bundles (``make plotly``) or, without them, the whole
plotly.min.js of the installed plotly Python package; each served pre-compressed.

A partial bundle of plotly.js (npm ``plotly.js-basic-dist-min``, MIT) holds every trace
type the pages draw: scatter and bar (the charts; the maps are Leaflet, ``static/js/map.js``).
Its gzip copy is made at install time; the whole bundle's is made once, in memory, when first asked
(or by the start-up warming). URLs carry the version, so a browser may keep a bundle a year.
"""

from __future__ import annotations

import gzip
import threading
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path

from fastapi import Request, Response
from fastapi.responses import FileResponse

from kansrijk.web.render import package_dir

#: The plotly.js version of the partial bundles (``PLOTLY_JS`` in the Makefile).
PLOTLY_JS_VERSION = "4.1.1"
#: Trace types in each partial bundle (plotly.js's ``lib/index-basic.js``).
BUNDLE_TRACES: dict[str, frozenset[str]] = {"basic": frozenset({"scatter", "bar", "pie"})}
#: A year: the URL changes with the content.
IMMUTABLE = "public, max-age=31536000, immutable"


@dataclass
class Bundle:
    """One plotly.js file and its gzip copy (read from disk or made once)."""

    url: str
    path: Path
    gz_path: Path | None = None
    _gz: bytes | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def partial(self) -> bool:
        return self.gz_path is not None

    def gzipped(self) -> bytes:
        """The gzip bytes of the bundle (made once when no copy was installed)."""
        with self._lock:
            if self._gz is None:
                if self.gz_path is not None:
                    self._gz = self.gz_path.read_bytes()
                else:
                    self._gz = gzip.compress(self.path.read_bytes(), compresslevel=9, mtime=0)
            return self._gz

    def response(self, request: Request) -> Response:
        """The bundle, gzip-encoded when the client accepts it."""
        headers = {"Cache-Control": IMMUTABLE, "Vary": "Accept-Encoding"}
        if accepts_gzip(request.headers.get("accept-encoding", "")):
            return Response(
                self.gzipped(),
                media_type="text/javascript",
                headers={**headers, "Content-Encoding": "gzip"},
            )
        return FileResponse(self.path, media_type="text/javascript", headers=headers)


def accepts_gzip(header: str) -> bool:
    """Whether an Accept-Encoding header allows gzip (``gzip`` or ``*``, q > 0)."""
    allowed: dict[str, bool] = {}
    for part in header.lower().split(","):
        name, _, params = part.strip().partition(";")
        q = 1.0
        for p in params.split(";"):
            key, _, value = p.strip().partition("=")
            if key == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if name:
            allowed[name.strip()] = q > 0
    return allowed.get("gzip", allowed.get("x-gzip", allowed.get("*", False)))


def whole_plotly_js() -> Path:
    """plotly.min.js inside the installed plotly Python package."""
    path = Path(str(resources.files("plotly").joinpath("package_data", "plotly.min.js")))
    if not path.is_file():  # pragma: no cover - depends on the plotly build
        raise FileNotFoundError(f"plotly.min.js not found in the plotly package ({path})")
    return path


def plotly_bundles(vendor_dir: Path | None = None) -> dict[str, Bundle]:
    """The bundles by kind ("basic"): partial where installed, else the whole one."""
    vendor_dir = package_dir("static") / "vendor" if vendor_dir is None else vendor_dir
    whole: Bundle | None = None
    out: dict[str, Bundle] = {}
    for kind in BUNDLE_TRACES:
        name = f"plotly-{kind}-{PLOTLY_JS_VERSION}.min.js"
        path, gz = vendor_dir / name, vendor_dir / f"{name}.gz"
        if path.is_file() and gz.is_file():
            out[kind] = Bundle(f"/vendor/{name}", path, gz)
        else:
            if whole is None:
                plotly_py = metadata.version("plotly")
                whole = Bundle(f"/vendor/plotly-py{plotly_py}.min.js", whole_plotly_js())
            out[kind] = whole
    return out
