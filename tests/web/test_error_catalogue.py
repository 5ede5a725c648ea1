"""The ``errors`` gettext domain (English ``Message`` templates written at the raise sites
of every layer; Dutch catalogue): a stale template, a message missing from the Dutch
catalogue, an empty or fuzzy translation, an obsolete entry or a changed ``{placeholder}``
fails here. ``make catalogues`` extracts (``babel-errors.cfg``, keyword ``Message``)."""

from __future__ import annotations

import re

from tests.web.test_catalogue import LOCALE, _entries
from tests.web.test_catalogue import _extracted as extracted

from kansrijk import l10n
from kansrijk.errors import InputError, Message
from kansrijk.l10n.monitor import ERRORS_DOMAIN, error_text

#: A ``str.format`` field with its conversion and format spec (``{code!r}``, ``{v:.1f}``).
FIELD = re.compile(r"(?<!\{)\{(\w*(?:![rsa])?(?::[^{}]*)?)\}(?!\})")


def _extracted() -> set[str]:
    """The messages of the errors domain, extracted as `make catalogues` does."""
    return extracted("babel-errors.cfg", {"Message": None, "HTTPException": (2,)})


def test_template_is_up_to_date_with_the_raise_sites() -> None:
    found = _extracted()
    assert len(found) > 40
    assert "unknown region {code!r}{hint}{need}; expected a code like NL00, PV28, CR29, " in {
        m[:76] for m in found
    }
    pot = set(_entries(LOCALE / f"{ERRORS_DOMAIN}.pot"))
    assert sorted(found - pot) == [], "new messages: run `make catalogues` and translate them"
    assert sorted(pot - found) == [], "messages no longer used: run `make catalogues`"


def test_dutch_catalogue_is_complete_current_and_keeps_the_placeholders() -> None:
    entries = _entries(l10n.catalogue_path("nl", domain=ERRORS_DOMAIN))
    found = _extracted()
    assert sorted(m for m in found if not entries.get(m, ("", False))[0].strip()) == []
    assert sorted(set(entries) - found) == [], "obsolete messages: run `make catalogues`"
    assert [m for m, (_, fuzzy) in entries.items() if fuzzy] == []
    for msgid, (msgstr, _) in entries.items():
        assert sorted(FIELD.findall(msgid)) == sorted(FIELD.findall(msgstr)), msgid
    assert not l10n.catalogue_path("en", domain=ERRORS_DOMAIN).exists()  # English: the msgid


def test_a_message_is_its_english_text_and_translates_with_its_values() -> None:
    m = Message("expected a number; found {text!r}", text="abc")
    assert m == "expected a number; found 'abc'"  # what the CLI prints
    assert (m.template, dict(m.values)) == ("expected a number; found {text!r}", {"text": "abc"})
    assert error_text("nl", m) == ("verwacht een getal; gevonden 'abc'", True)
    assert error_text("en", m) == ("expected a number; found 'abc'", True)
    assert error_text("nl", Message("a message nobody translated {x}", x=1)) == (
        "a message nobody translated 1",
        False,
    )
    # braces in a message without values are text, not fields
    assert Message("expected {z}/{x}/{y} in the URL") == "expected {z}/{x}/{y} in the URL"
    err = InputError(m, file="a.csv", line=2, column="n")
    assert str(err) == "a.csv, line 2, column 'n': expected a number; found 'abc'"
    assert [str(w) for w in err.where] == ["a.csv", "line 2", "column 'n'"]
