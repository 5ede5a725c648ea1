"""Live Kansrijk servers for the browser tests: the real app (``create_app``) served by
uvicorn in a background thread on 127.0.0.1 and a free port, on a warehouse file.

Also runs ``kansrijk indicator ... --json`` through Typer's CliRunner. The CLI opens the
warehouse for writing, which DuckDB refuses while a server holds it (read-only) in the same
process, so CLI answers are gathered *before* a server starts (see ``conftest``).
"""

from __future__ import annotations

import json
import socket
import threading
import time
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any

import uvicorn
from typer.testing import CliRunner

from kansrijk.cli import app as cli_app
from kansrijk.settings import Settings
from kansrijk.web import create_app

HOST = "127.0.0.1"


def demo_regions_file() -> Path:
    """The packaged YAML of the demo's custom regions (DEMO, DEMO-ZUID): the CLI knows them
    only through ``--regions FILE`` (the web app adds them itself when the demo is loaded)."""
    return Path(str(resources.files("kansrijk.demo").joinpath("demo_regions.yaml")))


def cli_json(warehouse: Path, *args: str, regions_file: Path | None = None) -> dict[str, Any]:
    """``kansrijk ARGS... --json --warehouse FILE`` run in-process; the parsed document."""
    argv = [*args, "--json", "--warehouse", str(warehouse)]
    if regions_file is not None:
        argv += ["--regions", str(regions_file)]
    result = CliRunner().invoke(cli_app, argv)
    assert result.exit_code == 0, f"kansrijk {' '.join(argv)} failed:\n{result.output}"
    doc: dict[str, Any] = json.loads(result.stdout)
    return doc


@dataclass
class LiveServer:
    """``create_app(settings)`` under uvicorn in a daemon thread; a context manager."""

    settings: Settings
    name: str = "server"
    port: int = 0
    _server: uvicorn.Server | None = field(default=None, repr=False)
    _thread: threading.Thread | None = field(default=None, repr=False)
    _sock: socket.socket | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        """The base URL, without a trailing slash."""
        return f"http://{HOST}:{self.port}"

    def start(self, timeout: float = 60.0) -> LiveServer:
        """Bind a free port, start serving and wait until the app has started up."""
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((HOST, 0))
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(
            create_app(self.settings),
            log_level="warning",
            access_log=False,
            ws="none",  # nothing here uses websockets
            lifespan="on",
        )
        server = uvicorn.Server(config)
        thread = threading.Thread(
            target=server.run, kwargs={"sockets": [sock]}, name=f"uvicorn-{self.name}", daemon=True
        )
        self._server, self._thread, self._sock = server, thread, sock
        thread.start()
        deadline = time.monotonic() + timeout
        while not server.started:
            if not thread.is_alive():
                raise RuntimeError(f"the {self.name} server stopped during startup")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"the {self.name} server did not start within {timeout} s")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        """Ask uvicorn to exit and wait for the thread (the lifespan closes the warehouse)."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=15)
        if self._sock is not None:
            self._sock.close()
        self._server = self._thread = self._sock = None

    def __enter__(self) -> LiveServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


#: The overview tiles: (indicator, profile set asked for, breakdown of the row shown).
TILES: tuple[tuple[str, str | None, dict[str, str]], ...] = (
    ("vmbo.tech_choice_share", "techniek", {}),
    ("vmbo.tech_choice_share", "techniek_ict", {}),
    ("vmbo.no_tech_offer_share", None, {}),
    ("access.distance_to_tech_offer", None, {"statistic": "mean_km"}),
    ("access.distance_to_tech_offer", None, {"statistic": "share_over_5km"}),
    ("vmbo.girls_in_tech_share", None, {}),
)


@dataclass
class Site:
    """A live server on one warehouse, with what the tests compare the pages with."""

    kind: str  # "demo" or "real"
    server: LiveServer
    warehouse: Path
    region: str  # the default region of the overview
    other_region: str  # a gemeente of it, for the region selector
    location: str  # a location code for /location/<code>
    presets: list[str] = field(default_factory=list)  # scenario presets
    tiles: dict[tuple[str, str | None], dict[str, Any]] = field(default_factory=dict)

    @property
    def url(self) -> str:
        """Base URL of the server."""
        return self.server.url

    @property
    def demo(self) -> bool:
        """Whether this is the fictional demo region."""
        return self.kind == "demo"


def tile_answers(
    warehouse: Path, region: str, regions_file: Path | None
) -> dict[tuple[str, str | None], dict[str, Any]]:
    """``kansrijk indicator ID --region R [--set S] --json`` of every overview tile, run
    before the server opens the file."""
    out: dict[tuple[str, str | None], dict[str, Any]] = {}
    for indicator, pset, _bd in TILES:
        if (indicator, pset) in out:
            continue
        args = ["indicator", indicator, "--region", region] + (["--set", pset] if pset else [])
        out[indicator, pset] = cli_json(warehouse, *args, regions_file=regions_file)
    return out
