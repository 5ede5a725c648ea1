"""The public pages' cache: a worker trusts the registry version it read for VERSION_TTL
seconds; while one thread re-reads it the others keep the last one, except right after a
write of this process, when every reader waits for the new version."""

from __future__ import annotations

import threading
import time

from kansrijk.registry.live import VERSION_TTL


def test_a_trusted_version_needs_no_database_read(web) -> None:
    h = web.app.state.registry
    v = h.current_version()
    assert h.fresh_version() == v
    h.version_until = time.monotonic() - 1  # expired, nobody re-reading
    assert h.fresh_version() is None
    assert h.current_version() == v
    assert h.version_until > time.monotonic() + VERSION_TTL / 2


def test_the_last_version_stands_in_only_while_another_thread_re_reads_it(web) -> None:
    h = web.app.state.registry
    v = h.current_version()
    h.version_until = time.monotonic() - 1
    with h.refreshing:  # another thread is re-reading the version
        assert h.fresh_version() == v
        h.invalidate()  # ... but this worker just wrote: nothing stale may be served
        assert h.fresh_version() is None
    assert h.current_version() == v


def test_a_write_shows_on_the_next_anonymous_read(web) -> None:
    from .conftest import approve_all, login, post, register

    before = web.get("/partners.json").json()["activities"]
    assert before == []
    assert web.get("/partners.json").json()["activities"] == []  # served from the cache
    register(web, "p@bedrijf.nl", org="Installatiebedrijf Zuid")
    approve_all(web)
    login(web, "p@bedrijf.nl")
    r = post(
        web,
        "/partners/activities/new",
        {"title": "Gastles installatietechniek", "kind": "guest_lesson", "pc4": "0102"},
        "/partners/activities/new",
    )
    assert r.status_code == 303
    web.cookies.clear()
    titles = [a["title"] for a in web.get("/partners.json").json()["activities"]]
    assert titles == ["Gastles installatietechniek"]


def test_many_threads_read_the_version_once(web) -> None:
    h = web.app.state.registry
    h.invalidate()
    reads = 0
    real = h.registry.session

    def counting():  # type: ignore[no-untyped-def]
        nonlocal reads
        reads += 1
        return real()

    h.registry.session = counting
    try:
        threads = [threading.Thread(target=h.current_version) for _ in range(20)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        h.registry.session = real
    assert reads == 1
