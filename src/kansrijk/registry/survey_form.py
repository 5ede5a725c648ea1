"""The anonymous survey form as a respondent sees it: its texts (English msgids of the
survey catalogue), the questions with their options in the respondent's language, and the
limit of responses per address (``RATE_LIMIT`` per ``RATE_WINDOW`` seconds, counted in
memory only: addresses are never stored)."""

from __future__ import annotations

import threading
import time
from collections import deque
from typing import Any

from kansrijk.l10n import survey_gettext
from kansrijk.registry.survey import CHOICES, QUESTIONS

RATE_LIMIT = 20
RATE_WINDOW = 600.0
_SEEN: dict[tuple[str, str], deque[float]] = {}
_SEEN_LOCK = threading.Lock()
SCALE = ("1 very bad", "2 bad", "3 neutral", "4 good", "5 very good")
CHOICE_LABELS = {"yes": "Yes", "maybe": "Maybe", "no": "No"}
TITLES = {
    "pupil": "Questions for pupils about technical education",
    "parent": "Questions for parents about technical education",
}
TEXT_INTRO = (
    "This survey is anonymous: we do not ask your name and do not store who you are. If you "
    "answer again on this device, your new answers replace the earlier ones."
)


def allow(address: str, slug: str, now: float | None = None) -> bool:
    """Whether an address may send another response to a link now (and count it)."""
    moment = time.monotonic() if now is None else now
    with _SEEN_LOCK:
        if len(_SEEN) > 10_000:
            _SEEN.clear()
        q = _SEEN.setdefault((address, slug), deque())
        while q and q[0] <= moment - RATE_WINDOW:
            q.popleft()
        if len(q) >= RATE_LIMIT:
            return False
        q.append(moment)
        return True


def option_labels(lang: str) -> dict[str, str]:
    """The choice options' names in ``lang`` (``yes`` -> ``Ja``)."""
    return {code: survey_gettext(lang, name) for code, name in CHOICE_LABELS.items()}


def questions(audience: str, lang: str) -> list[dict[str, Any]]:
    """The questions of an audience in ``lang``, each with its options (code, text)."""
    return [
        {
            "id": q.id,
            "text": survey_gettext(lang, q.text),
            "options": [(str(i + 1), survey_gettext(lang, s)) for i, s in enumerate(SCALE)]
            if q.kind == "scale"
            else [(c, survey_gettext(lang, CHOICE_LABELS[c])) for c in CHOICES[q.kind]],
        }
        for q in QUESTIONS[audience]
    ]
