"""The web app: FastAPI app factory, routers (pages with JSON twins, /api/v1), Jinja2
templates and static assets (own CSS/JS; plotly.js from the installed plotly package)."""

from kansrijk.web.app import create_app

__all__ = ["create_app"]
