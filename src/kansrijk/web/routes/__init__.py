"""One router per page (plus the API): ``create_app`` includes every router in ROUTERS.

A page is a module of ``web/pages/`` holding a ``Page`` (its ``router`` serves the page, its
JSON twin and, where tabular, CSV and XLSX); routes that are no page (the API, downloads) are
modules here. Add the module's router to ROUTERS.
"""

from fastapi import APIRouter

from kansrijk.web.pages import (
    access_check,
    atlas,
    compare,
    data,
    events,
    location,
    optimise,
    overview,
    scenarios,
)
from kansrijk.web.routes import (
    api,
    docs,
    downloads,
    finder,
    registry_account,
    registry_api,
    registry_assessment,
    registry_pages,
    registry_shortages,
    registry_survey,
    registry_work,
    trends,
)

ROUTERS: tuple[APIRouter, ...] = (
    overview.router,
    compare.router,
    atlas.router,
    location.router,
    events.router,
    downloads.router,
    trends.router,
    scenarios.router,
    optimise.router,
    access_check.router,
    data.router,
    docs.router,
    finder.router,
    api.router,
    *(
        registry_work.router,
        registry_shortages.work_router,
        registry_assessment.router,
        registry_survey.work_router,
        registry_survey.router,
        registry_shortages.router,
        registry_pages.router,
        registry_account.router,
        registry_api.router,
    ),  # partner registry
)

__all__ = ["ROUTERS"]
