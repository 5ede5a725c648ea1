"""Registry pages of signed-in accounts by construction: one definition serves each.

A :class:`FormPage` serves a form: GET shows it with the session's CSRF token (a login page
for a signed-in-only form without an account), POST checks the token, hands the posted
fields to the registry service (``submit``, in one transaction) and redirects, or shows the
form again with the service's error and the visitor's values. An :class:`AccountPage` is a
page of a signed-in account (its context made in one transaction), a :class:`Button` a POST
that acts and redirects (delete, approve, answer...). The rules (which values are valid,
who may do what) live in the registry services; these only map fields and render.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from kansrijk.errors import KansrijkError, message_of
from kansrijk.l10n.monitor import N_, t
from kansrijk.registry.accounts import Who
from kansrijk.registry.audit import Actor
from kansrijk.registry.errors import FieldError
from kansrijk.registry.live import LiveRegistry
from kansrijk.web.deps import Ctx, CtxDep
from kansrijk.web.errors import localised
from kansrijk.web.registry_public import school_year_param
from kansrijk.web.registry_session import (
    WebSession,
    check_csrf,
    fail,
    form_of,
    holder,
    read_session,
    who,
)
from kansrijk.web.registry_view import or_login, redirect, registry_page
from kansrijk.web.render import json_response

T = TypeVar("T")


def signed_in(h: LiveRegistry, sess: WebSession, work: Callable[[Session, Who], T]) -> T:
    """Run ``work`` in one transaction for the signed-in account (401 otherwise); registry
    errors become HTTP errors (403, 404, 409, ...), a FieldError is raised as it is."""
    with h.registry.session() as s:
        me = who(s, sess)
        if me.user is None or me.actor is None:
            raise HTTPException(401, "log in first: /partners/login")
        return _mapped(work, s, me)


def _anyone(h: LiveRegistry, sess: WebSession, work: Callable[[Session, Who], T]) -> T:
    with h.registry.session() as s:
        return _mapped(work, s, who(s, sess))


def _mapped(work: Callable[[Session, Who], T], s: Session, me: Who) -> T:
    try:
        return work(s, me)
    except KansrijkError as exc:
        if isinstance(exc, FieldError):
            raise
        fail(exc)


async def posted(
    request: Request, multi: tuple[str, ...] = (), *, join: bool = True
) -> tuple[LiveRegistry, WebSession, dict[str, Any]]:
    """The posted form (uploads left out) after its CSRF check; the fields in ``multi``
    (checkbox groups) as lists, or joined by commas when ``join``."""
    h = holder(request)
    sess = read_session(request, h)
    values = await form_of(request, multi, join=join)
    check_csrf(h, sess, values)
    return h, sess, values


@dataclass(frozen=True, slots=True)
class Call:
    """One request of a form page as its parts see it: the registry transaction, the
    account and the path parameters (with ``year``, the school year, when asked)."""

    ctx: Ctx
    h: LiveRegistry
    sess: WebSession
    s: Session
    me: Who
    params: dict[str, Any]

    @property
    def lang(self) -> str:
        """The page's language."""
        return self.ctx.lang

    @property
    def actor(self) -> Actor:
        """The signed-in account's actor."""
        assert self.me.actor is not None
        return self.me.actor

    @property
    def loc_code(self) -> str:
        """The school location of the account's organisation ("" when it has none)."""
        return (self.me.org.loc_code if self.me.org else None) or ""


@dataclass(frozen=True, slots=True)
class Refused:
    """A POST the service refused but recorded (a failed login counts towards throttling):
    the transaction is kept and the form shown again with ``message``."""

    message: str


#: What a POST gives: where to go, where to go with a new session (on login), a page to
#: show (a message), or a refusal to show on the form.
Next = str | tuple[str, WebSession] | Response | Refused
Values = Mapping[str, Any]


def _nothing(_call: Call) -> Values:
    return {}


def _params(ctx: Ctx, year: bool) -> dict[str, Any]:
    """The path parameters (with ``year``, the school year of the query, when asked)."""
    params = dict(ctx.request.path_params)
    if year:
        params["year"] = school_year_param(ctx.request.query_params.get("year"))
    return params


@dataclass(frozen=True, slots=True)
class AccountPage:
    """A page of a signed-in account (without one: the login page): ``context`` makes the
    template's context in one transaction (keys ``json_url`` and ``status_code`` go to the
    page itself), ``title`` is a message key or made from the call and that context."""

    path: str
    template: str
    title: str | Callable[[Call, dict[str, Any]], str]
    context: Callable[[Call], dict[str, Any]]
    #: the school year of the query as ``call.params["year"]``
    year: bool = False

    def _show(
        self, ctx: Ctx, h: LiveRegistry, sess: WebSession, params: dict[str, Any]
    ) -> Response:
        def work(s: Session, me: Who) -> tuple[Who, str, dict[str, Any]]:
            call = Call(ctx, h, sess, s, me, params)
            data = self.context(call)
            title = self.title(call, data) if callable(self.title) else t(ctx.lang, self.title)
            return me, title, data

        me, title, data = signed_in(h, sess, work)
        return registry_page(ctx, h, sess, me, self.template, title, **data)

    async def get(self, ctx: Ctx) -> Response:
        """The page."""
        h = holder(ctx.request)
        sess = read_session(ctx.request, h)
        params = _params(ctx, self.year)
        return await or_login(run_in_threadpool(self._show, ctx, h, sess, params))

    def add_to(self, router: APIRouter) -> None:
        """Register the page's GET on a router."""

        async def get(ctx: CtxDep) -> Response:
            return await self.get(ctx)

        router.add_api_route(self.path, get, methods=["GET"], response_class=HTMLResponse)


@dataclass(frozen=True, slots=True)
class Button:
    """A signed-in account's button: POST ``path`` (the CSRF check), ``work`` with the
    posted fields in one transaction (a FieldError is a 400), a redirect to ``to`` (or
    where ``to`` says for the call)."""

    path: str
    work: Callable[[Call, dict[str, Any]], object]
    to: str | Callable[[Call], str]
    #: the school year of the query as ``call.params["year"]``
    year: bool = False

    async def post(self, ctx: Ctx) -> Response:
        """Act, then redirect."""
        h, sess, form = await posted(ctx.request)
        params = _params(ctx, self.year)

        def work(s: Session, me: Who) -> str:
            call = Call(ctx, h, sess, s, me, params)
            self.work(call, form)
            return self.to(call) if callable(self.to) else self.to

        try:
            to = await run_in_threadpool(signed_in, h, sess, work)
        except FieldError as exc:
            raise HTTPException(400, message_of(exc)) from exc
        return redirect(ctx.request, h, sess, to)

    def add_to(self, router: APIRouter) -> None:
        """Register the button's POST on a router."""

        async def post(ctx: CtxDep) -> Response:
            return await self.post(ctx)

        router.add_api_route(self.path, post, methods=["POST"])


async def account_json(ctx: Ctx, work: Callable[[Call], Any], *, year: bool = False) -> Response:
    """JSON of a signed-in account (401 without one): ``work`` in one transaction."""
    h = holder(ctx.request)
    sess = read_session(ctx.request, h)
    params = _params(ctx, year)

    def run(s: Session, me: Who) -> Any:
        return work(Call(ctx, h, sess, s, me, params))

    return json_response(await run_in_threadpool(signed_in, h, sess, run))


def add_all(router: APIRouter, *pages: FormPage | AccountPage | Button) -> None:
    """Register pages and buttons on a router."""
    for page in pages:
        page.add_to(router)


@dataclass(frozen=True, slots=True)
class FormPage:
    """One registry form: its address, title, fields and what a good POST does."""

    path: str
    #: a message key, or (call) -> the title
    title: str | Callable[[Call], str]
    #: (call, values) -> the template context of the form (``fields`` for form.html)
    context: Callable[[Call, Values], dict[str, Any]]
    #: (call, posted values) -> where to go; raises a FieldError for a bad value
    submit: Callable[[Call, dict[str, Any]], Next]
    #: (call) -> the values a GET shows
    initial: Callable[[Call], Values] = _nothing
    template: str = "registry/form.html"
    #: the message key of the submit button and the form's introduction
    button: str = N_("Opslaan")
    intro: str = ""
    #: only for signed-in accounts (GET without one: the login page; POST: 401)
    account: bool = True
    #: the errors shown on the form (others become HTTP errors) and their status
    errors: tuple[type[Exception], ...] = (FieldError,)
    error_status: int = 400
    #: checkbox groups (joined by commas unless ``join`` is False) and the ``year`` query
    multi: tuple[str, ...] = ()
    join: bool = True
    year: bool = False

    def _run(self, h: LiveRegistry, sess: WebSession, work: Callable[[Session, Who], T]) -> T:
        return (signed_in if self.account else _anyone)(h, sess, work)

    def _show(
        self,
        ctx: Ctx,
        h: LiveRegistry,
        sess: WebSession,
        params: dict[str, Any],
        values: Values | None = None,
        error: str = "",
    ) -> HTMLResponse:
        def work(s: Session, me: Who) -> tuple[Who, str, dict[str, Any]]:
            call = Call(ctx, h, sess, s, me, params)
            shown = self.initial(call) if values is None else values
            title = self.title(call) if callable(self.title) else t(ctx.lang, self.title)
            return me, title, self.context(call, shown)

        me, title, context = self._run(h, sess, work)
        shared: dict[str, Any] = {
            "action": ctx.request.url.path,
            "error": error,
            "intro": t(ctx.lang, self.intro) if self.intro else "",
            "submit": t(ctx.lang, self.button),
            "multipart": False,
        }
        status = self.error_status if error else 200
        return registry_page(
            ctx, h, sess, me, self.template, title, status_code=status, **(shared | context)
        )

    async def get(self, ctx: Ctx) -> Response:
        """The form (with the values of ``initial``)."""
        h = holder(ctx.request)
        sess = read_session(ctx.request, h)
        return await or_login(run_in_threadpool(self._show, ctx, h, sess, _params(ctx, self.year)))

    async def post(self, ctx: Ctx) -> Response:
        """The posted form: a redirect, or the form again with the error."""
        h, sess, values = await posted(ctx.request, self.multi, join=self.join)
        params = _params(ctx, self.year)

        def work(s: Session, me: Who) -> Next:
            return self.submit(Call(ctx, h, sess, s, me, params), values)

        try:
            to = await run_in_threadpool(self._run, h, sess, work)
        except self.errors as exc:
            error = localised(cast("KansrijkError", exc), ctx.lang)[0]
            return await run_in_threadpool(self._show, ctx, h, sess, params, values, error)
        if isinstance(to, Response):
            return to
        if isinstance(to, Refused):
            return await run_in_threadpool(self._show, ctx, h, sess, params, values, to.message)
        if isinstance(to, tuple):
            to, sess = to
        return redirect(ctx.request, h, sess, to)

    def add_to(self, router: APIRouter) -> None:
        """Register GET and POST of the form on a router."""

        async def get(ctx: CtxDep) -> Response:
            return await self.get(ctx)

        async def post(ctx: CtxDep) -> Response:
            return await self.post(ctx)

        router.add_api_route(self.path, get, methods=["GET"], response_class=HTMLResponse)
        router.add_api_route(self.path, post, methods=["POST"], response_class=HTMLResponse)
