"""One router per page (plus the API): ``create_app`` includes every router in ROUTERS.

A new page is a module here with its ``router`` (page, JSON twin) and a template; add its
router to ROUTERS.
"""

from fastapi import APIRouter

from kansrijk.web.pages import events, overview
from kansrijk.web.routes import (
    access,
    api,
    atlas,
    compare,
    datasets,
    docs,
    downloads,
    finder,
    location,
    optimise,
    registry_account,
    registry_api,
    registry_assessment,
    registry_pages,
    registry_shortages,
    registry_survey,
    registry_work,
    scenarios,
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
    access.router,
    datasets.router,
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
