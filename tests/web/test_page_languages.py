"""Every monitor page in Dutch and in English, and every page's JSON twin.

**Language check.** Each GET route of the app that answers HTML is rendered with
``?lang=nl`` and ``?lang=en`` (path parameters filled with a demo location, indicator or
region; a few pages also with the query that shows their full content, and error pages
of each kind of bad input), each time without cookies, so the language comes from the URL
alone; a request redirected elsewhere (to the login form) is left to that page's own check.
Of each page
we take what a reader sees or hears: the text outside ``<script>``/``<style>`` and outside
code (``<code>``, ``<kbd>``, ``<samp>``, and ````code```` or URL paths in running text),
and the ``title``, ``alt``, ``aria-label``, ``placeholder`` and button ``value``
attributes. Text inside an element whose ``lang`` differs from the page's is the page
saying "this passage is in another language" and is skipped (the model notes marked
``lang="en"`` on a Dutch page, a Dutch site name marked ``lang="nl"`` on an English one).
The rest is split into words, lower-cased, and compared with a short list of
*distinctive* words of the other language: function words and domain words that are not
also words of the page's own language (``the``, ``which``, ``pupils`` are English only;
``het``, ``niet``, ``leerlingen`` are Dutch only; ``in``, ``data``, ``of``, ``over``,
``partners`` are words of both and are not listed). Words of names in the data (region,
school and place names of the demo) are removed first, as are the few texts listed by
``known_untranslated``. A Dutch page with one English word from the list, or the reverse,
fails and names the page and the words found with their context. The method finds
untranslated sentences and labels; it cannot see a single untranslated word that is not
on the lists. Charts are read from their plotly JSON: titles, axis titles, trace names and
annotations (``text``, ``title``, ``name``).

**Twins.** Every HTML page either declares a JSON twin with ``<link rel="alternate"
type="application/json">`` (put there by the render helper, ``page_context``'s
``json_url``) or is on a short list of pages that have none, with the reason. Every
declared twin is fetched: 200 and a JSON body.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Any

import pytest
from fastapi import routing
from fastapi.testclient import TestClient

#: Words that mark a page as English (none is also a Dutch word).
ENGLISH = frozenset(
    [
        "the",
        "and",
        "with",
        "which",
        "without",
        "these",
        "this",
        "those",
        "their",
        "there",
        "from",
        "were",
        "would",
        "could",
        "should",
        "pupils",
        "pupil",
        "students",
        "school's",
        "schools",
        "municipality",
        "municipalities",
        "share",
        "shares",
        "year",
        "years",
        "location",
        "locations",
        "region",
        "regions",
        "choose",
        "chosen",
        "show",
        "shows",
        "shown",
        "sources",
        "published",
        "target",
        "targets",
        "number",
        "numbers",
        "between",
        "only",
        "more",
        "than",
        "other",
        "every",
        "each",
        "about",
        "after",
        "before",
        "your",
        "you",
        "when",
        "where",
        "while",
        "because",
        "compare",
        "overview",
        "events",
        "scenarios",
        "reach",
        "cost",
        "costs",
        "page",
        "table",
        "chart",
        "map",
    ]
)
#: Words that mark a page as Dutch (none is also an English word).
DUTCH = frozenset(
    [
        "de",
        "het",
        "een",
        "van",
        "en",
        "met",
        "zonder",
        "deze",
        "dit",
        "die",
        "niet",
        "geen",
        "voor",
        "naar",
        "zijn",
        "wordt",
        "worden",
        "werd",
        "bij",
        "ook",
        "leerlingen",
        "leerling",
        "gemeente",
        "gemeenten",
        "jaar",
        "jaren",
        "locatie",
        "locaties",
        "regio",
        "regio's",
        "aandeel",
        "bron",
        "bronnen",
        "gepubliceerd",
        "doel",
        "aantal",
        "tussen",
        "alleen",
        "meer",
        "dan",
        "andere",
        "elke",
        "na",
        "vóór",
        "uw",
        "u",
        "als",
        "waar",
        "omdat",
        "vergelijken",
        "overzicht",
        "gebeurtenissen",
        "doorrekenen",
        "kosten",
        "pagina",
        "tabel",
        "kaart",
        "kies",
        "toon",
        "alle",
    ]
)
#: Path parameters: a demo value for each.
PATH_VALUES = {
    "code": "DEMO",
    "loc_code": "ZZ0100",
    "indicator_id": "vmbo.offer_share",
    "name": "vmbo.offer_share.csv",
    "activity_id": "1",
    "request_id": "1",
    "token": "not-a-reset-token",
}
#: Pages shown with a query that brings out their full content, besides the bare path.
EXTRA_URLS = (
    "/scenarios/run?preset=rotterdam-zuid-techniek",
    "/scenarios/compare?s=preset:rotterdam-zuid-techniek&s=preset:mrdh-pie",
    "/compare?region=DEMO",
    "/atlas?region=DEMO",
    "/gebeurtenissen?region=DEMO",
    "/optimaliseren?region=DEMO&budget=1000000",
    "/scholenwijzer?q=9999",
    "/partners/reach",
    "/?region=NOPE",  # an error page
    "/atlas?year=1800",  # an error page
    # error pages of each kind of bad input (test_input_languages asserts their messages)
    "/partners/activities/abc",  # a typed path parameter (FastAPI's validation)
    "/partners/shortages/open?year=a%00b",  # control characters
    "/optimaliseren?region=DEMO&budget=1e30",  # out of range
    "/scenarios/compare?s=built:AAAA",  # a builder's problems inside a comparison
    "/scenarios/run?region=DEMO&name=a%00b&add=ZZ0100:BWI",  # the builder's own form
    "/atlas?region=DEMO&chosen=ZZ0100:%00",  # an unknown code
    "/bereikbaarheid?location=" + "x" * 200,  # too long
)
#: (language, page) still showing words of the other language, with where they come from:
#: none left. An entry here is a page not yet done; every other page is checked strictly.
KNOWN_GAPS: dict[tuple[str, str], str] = {}
#: HTML pages without a JSON twin, and why.
NO_TWIN = {
    "/partners/login": "a login form",
    "/partners/register": "a registration form",
    "/partners/reset": "a password-reset form",
    "/partners/reset/not-a-reset-token": "a password-reset form",
    "/partners/privacy": "a text page",
    "/partners/activities/new": "a form",
    "/partners/requests/new": "a form",
    "/partners/import": "an upload form",
    "/partners/account": "a page for the signed-in account only",
    "/partners/admin": "a page for administrators only",
    "/scholenwijzer/embed": "the embeddable widget of /scholenwijzer",
    "/scenarios/compare": "an empty basket: nothing to compare yet",
}
_WORD = re.compile(r"[a-zà-ÿ']+(?:-[a-zà-ÿ]+)*")
#: Elements whose content is not prose: scripts, styles and code (commands, identifiers).
_NOT_LANGUAGE = frozenset({"script", "style", "code", "kbd", "samp"})
_ATTRS = ("title", "alt", "aria-label", "placeholder")
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
        "html",
    ]
)


class _Text(HTMLParser):
    """The text a reader sees or hears, and the page's alternate links. Text inside an
    element marked as another language (``lang="nl"`` on an English page: a dataset's
    official Dutch title, a link to a Dutch site) is the page saying so, and is left out."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.alternates: list[dict[str, str]] = []
        self._skip = 0
        self._stack: list[tuple[str, bool]] = []
        self._page_lang = ""
        self._in_spec = False
        #: Chart specs (plotly JSON in ``<script type="application/json">``).
        self.specs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self._page_lang = a.get("lang", "")
        elif tag not in _VOID:
            other = bool(a.get("lang")) and a["lang"] != self._page_lang
            self._stack.append((tag, other))
            if other:
                self._skip += 1
        if tag in _NOT_LANGUAGE:
            self._skip += 1
        if tag == "script" and a.get("type") == "application/json":
            self._in_spec = True
            self.specs.append("")
        if tag == "link" and a.get("rel") == "alternate":
            self.alternates.append(a)
        self.parts.extend(a[k] for k in _ATTRS if k in a)
        if tag == "input" and a.get("type") in ("submit", "button"):
            self.parts.append(a.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag in _NOT_LANGUAGE and self._skip:
            self._skip -= 1
        if tag == "script":
            self._in_spec = False
        while self._stack:
            name, other = self._stack.pop()
            if other:
                self._skip -= 1
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._in_spec:
            self.specs[-1] += data
        elif not self._skip:
            self.parts.append(data)

    def chart_texts(self) -> list[str]:
        """What the charts write: titles, axis titles, legend names and annotations."""
        out: list[str] = []

        def walk(node: Any, key: str = "") -> None:
            if isinstance(node, dict):
                for k, v in node.items():
                    walk(v, k)
            elif isinstance(node, list):
                for v in node:
                    walk(v, key)
            elif isinstance(node, str) and key in ("text", "title", "name"):
                out.append(re.sub(r"<[^>]+>", " ", node))

        for spec in self.specs:
            walk(json.loads(spec))
        return out


def _pages(client: TestClient) -> list[str]:
    """A URL for every GET route (path parameters filled in), plus EXTRA_URLS."""
    urls = []
    for context in routing.iter_route_contexts(client.app.routes):  # type: ignore[attr-defined]
        route: Any = context
        if not isinstance(context.original_route, routing.APIRoute):
            continue
        if "GET" not in (route.methods or ()):
            continue
        path = route.path_format
        for name, value in PATH_VALUES.items():
            path = path.replace("{" + name + "}", value)
        if "{" not in path:
            urls.append(path)
    return sorted(set(urls)) + list(EXTRA_URLS)


def _names(client: TestClient) -> set[str]:
    """Words of names in the data (regions, places, schools, presets): not evidence of a
    language. Every string under a key with ``name`` or ``plaats`` in it, in the API's
    region and location documents."""
    words: set[str] = set()

    def walk(doc: Any, key: str = "") -> None:
        if isinstance(doc, dict):
            for k, v in doc.items():
                walk(v, k)
        elif isinstance(doc, list):
            for v in doc:
                walk(v, key)
        elif isinstance(doc, str) and ("name" in key or "plaats" in key):
            words.update(_WORD.findall(doc.lower()))

    for url in ("/api/v1/regions", "/api/v1/locations?region=DEMO", "/api/v1/locations"):
        r = client.get(url)
        if r.status_code == 200:
            walk(r.json())
    return words


def known_untranslated(client: TestClient, lang: str) -> list[str]:
    """Texts made in layers below the web that exist in one language only so far, cut out of
    the page text before the check: this list is the to-do list for their translations. It
    is empty: the source catalogue's dataset titles have a Dutch and an English title
    (``title``, ``title_en`` in catalog.yaml) and /data shows the page language's; the
    indicator definitions have a Dutch catalogue (domain ``definitions``). Elsewhere the
    page says which language a passage is in, and the check honours it: the optimiser's
    and planner's model notes are marked ``lang="en"`` on Dutch pages, the publishers'
    Dutch names ``lang="nl"``; the OpenAPI texts on /api/docs have a Dutch catalogue of
    their own (domain ``api``)."""
    return []


#: Code written in running text (``kansrijk scenario run``, `` `x` ``) and URL paths
#: (``/scenarios``): not prose.
_CODE = re.compile(r"``[^`]*``|`[^`]*`|(?<![\w/])/[\w./{}-]*")


def _foreign_words(text: str, forbidden: frozenset[str], names: set[str]) -> list[str]:
    text = _CODE.sub(" ", text)
    hits = []
    for m in _WORD.finditer(text.lower()):
        word = m.group(0)
        if word in forbidden and word not in names:
            hits.append(text[max(0, m.start() - 40) : m.end() + 40].replace("\n", " "))
    return hits


@pytest.fixture(scope="module")
def rendered(session_client: TestClient) -> dict[tuple[str, str], tuple[str, _Text]]:
    """(url, lang) -> (content type, parsed page) for every page in both languages."""
    out = {}
    for url in _pages(session_client):
        for lang in ("nl", "en"):
            sep = "&" if "?" in url else "?"
            session_client.cookies.clear()  # the language comes from the URL alone
            r = session_client.get(f"{url}{sep}lang={lang}", follow_redirects=True)
            kind = r.headers.get("content-type", "")
            if not kind.startswith("text/html") or r.url.path != url.split("?")[0]:
                continue  # not a page, or a redirect (to the login form, checked itself)
            parsed = _Text()
            parsed.feed(r.text)
            out[(url, lang)] = (str(r.status_code), parsed)
    session_client.cookies.clear()
    return out


def test_every_page_is_rendered(rendered: dict[tuple[str, str], Any]) -> None:
    urls = {url for url, _ in rendered}
    assert {"/", "/compare", "/atlas", "/data", "/scenarios", "/partners"} <= urls
    assert len(urls) >= 25


@pytest.mark.parametrize(("lang", "forbidden"), [("nl", ENGLISH), ("en", DUTCH)])
def test_no_words_of_the_other_language(
    session_client: TestClient,
    rendered: dict[tuple[str, str], tuple[str, _Text]],
    lang: str,
    forbidden: frozenset[str],
) -> None:
    names = _names(session_client)
    known = known_untranslated(session_client, lang)
    problems = {}
    for (url, page_lang), (_, parsed) in rendered.items():
        if page_lang != lang or (lang, url) in KNOWN_GAPS:
            continue
        text = " ".join(" ".join(parsed.parts + parsed.chart_texts()).split())
        for passage in known:
            text = text.replace(passage, " ")
        hits = _foreign_words(text, forbidden, names)
        if hits:
            problems[url] = hits[:5]
    assert problems == {}


def test_every_page_declares_and_serves_its_json_twin(
    session_client: TestClient, rendered: dict[tuple[str, str], tuple[str, _Text]]
) -> None:
    missing, broken = [], []
    for (url, lang), (status, parsed) in rendered.items():
        if lang != "nl" or status != "200":
            continue
        twins = [a for a in parsed.alternates if a.get("type") == "application/json"]
        if not twins:
            if url.split("?")[0] not in NO_TWIN:
                missing.append(url)
            continue
        r = session_client.get(twins[0]["href"])
        if r.status_code != 200 or not r.headers["content-type"].startswith("application/json"):
            broken.append((url, twins[0]["href"], r.status_code))
        else:
            r.json()
    assert missing == []
    assert broken == []
