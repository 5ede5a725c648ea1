"""Compressed responses: gzip for pages, JSON, JavaScript, CSS, CSV and SVG when the client
accepts it (Starlette's GZipMiddleware, which adds ``Vary: Accept-Encoding`` and leaves alone
responses that are already encoded, such as the pre-compressed plotly.js of ``vendor``).

Formats that are compressed already (XLSX is a zip, Parquet and PDF compress their streams,
images) are sent as they are: compressing them again costs CPU and saves nothing."""

from __future__ import annotations

from fastapi import FastAPI
from starlette.middleware.gzip import DEFAULT_EXCLUDED_CONTENT_TYPES, GZipMiddleware

#: Not compressed again.
ALREADY_COMPRESSED = (
    *DEFAULT_EXCLUDED_CONTENT_TYPES,
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.apache.parquet",
    "application/octet-stream",
)
#: zlib level: 6 gives within a few per cent of 9's size at a third of its CPU (pages are
#: compressed per response; the large plotly.js is pre-compressed at level 9).
LEVEL = 6
#: Smaller bodies go as they are (headers dominate).
MINIMUM_BYTES = 1024


def install(app: FastAPI) -> None:
    """Compress the app's responses (add before the outer middleware: innermost)."""
    app.add_middleware(
        GZipMiddleware,
        minimum_size=MINIMUM_BYTES,
        compresslevel=LEVEL,
        exclude_content_types=ALREADY_COMPRESSED,
    )
