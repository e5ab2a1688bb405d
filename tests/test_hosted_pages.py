"""AppTest of every page in hosted mode: who may save, and whose progress each one sees.

The identity seam: header mode reads `ui.identity.request_headers()` (AppTest cannot send
request headers, so the tests replace it); OIDC mode reads st.user, which AppTest seeds
through `at.user`.
"""

from __future__ import annotations

import json

import pytest

from simulacro.decks import BUILT_IN, load_deck
from simulacro.progress_io import export_json
from simulacro.store import ProgressStore
from simulacro.store_factory import LEARNERS_FOLDER, StoreUnavailable, open_progress_store
from ui.entry import PENDING_PAGE
from ui.text import identity as text
from ui.text import mock as mock_text

PAGES = (
    "pages/home.py",
    "pages/browse.py",
    "pages/demos.py",
    "pages/quiz.py",
    "pages/mock_interview.py",
    "pages/progress.py",
)
HEADER = "X-Forwarded-Email"
ANA = "ana@example.org"
BOB = "bob@example.org"


@pytest.fixture
def headers(monkeypatch):
    """The request headers the app sees (a dict the test fills)."""
    sent: dict[str, str] = {}
    monkeypatch.setattr("ui.identity.request_headers", lambda: sent)
    return sent


@pytest.fixture
def header_mode(monkeypatch, headers):
    monkeypatch.setenv("SIMULACRO_HOSTED", "1")
    monkeypatch.setenv("SIMULACRO_IDENTITY", "header")
    monkeypatch.setenv("SIMULACRO_IDENTITY_HEADER", HEADER)
    return headers


@pytest.fixture
def oidc_mode(monkeypatch, headers):
    monkeypatch.setenv("SIMULACRO_HOSTED", "1")
    monkeypatch.setenv("SIMULACRO_IDENTITY", "oidc")
    return headers


def learner_store(learner: str | None) -> ProgressStore:
    deck = load_deck(BUILT_IN)
    return open_progress_store(deck.progress_dir, deck=deck.name, learner=learner)


def open_page(app_test, page: str, user: dict | None = None):
    """The page's first run through app.py, as a browser gets it (AppTest's own reruns run
    the page script alone, without app.py's sidebar and identity banner)."""
    at = app_test()
    if user is not None:
        at.user = user
    if page != "pages/home.py":
        at.session_state[PENDING_PAGE] = page  # app.py switches to it (ui/entry.py)
    at.run()
    assert not at.exception, page
    assert at.title, page
    return at


def shown(at) -> str:
    parts = [e.value for kind in ("info", "warning", "error", "success") for e in at.get(kind)]
    parts += [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [m.value for m in at.sidebar.markdown] + [c.value for c in at.sidebar.caption]
    return "\n".join(parts)


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def nothing_written(data_dir) -> None:
    assert not (data_dir / LEARNERS_FOLDER).exists()
    assert learner_store(None).review_count() == 0


# ----------------------------------------------------------------- not signed in
@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_read_only_without_the_header_and_says_why(
    app_test, header_mode, page, isolated_data_dir
):
    at = open_page(app_test, page)
    [warning] = [w.value for w in at.warning if "did not identify you" in w.value]
    assert f"the request has no {HEADER} header" in warning
    assert "nothing you do is saved" in warning
    nothing_written(isolated_data_dir)


def test_anonymous_rating_is_refused_and_nothing_is_written(
    app_test, header_mode, isolated_data_dir
):
    at = open_page(app_test, "pages/quiz.py")
    at.radio(key="quiz_mode").set_value("new")
    at.number_input(key="quiz_limit").set_value(1)
    at.button(key="quiz_start").click().run()
    at.button(key="quiz_reveal").click().run()
    at.button(key="quiz_rate_good").click().run()
    assert not at.exception
    assert text.READ_ONLY_HEADER in shown(at)
    assert at.session_state["quiz_session"].index == 0  # the card stays: nothing was saved
    nothing_written(isolated_data_dir)


def test_anonymous_progress_page_disables_import_reset_and_notes(
    app_test, header_mode, isolated_data_dir
):
    at = open_page(app_test, "pages/progress.py")
    assert at.button(key="progress_import").disabled
    assert at.button(key="progress_reset").disabled
    assert at.checkbox(key="progress_reset_confirm").disabled
    assert text.READ_ONLY_HEADER in shown(at)
    assert "Progress is saved in" not in shown(at)  # no server path for a visitor
    nothing_written(isolated_data_dir)


def test_anonymous_bookmark_and_note_are_disabled_on_browse(app_test, header_mode):
    at = open_page(app_test, "pages/browse.py")
    toggles = [t for t in at.toggle if t.key and "_bookmark_" in t.key]
    notes = [a for a in at.text_area if a.key and "_note_" in a.key]
    assert toggles and notes
    assert all(t.disabled for t in toggles) and all(a.disabled for a in notes)


def test_anonymous_mock_interview_cannot_be_saved(app_test, header_mode, isolated_data_dir):
    at = open_page(app_test, "pages/mock_interview.py")
    at.radio(key="mock_preset").set_value("custom").run()
    at.number_input(key="mock_n").set_value(1).run()
    at.button(key="mock_start").click().run()
    at.text_area(key="mock_answer_0_main").input("una respuesta").run()
    at.button(key="mock_end").click().run()
    at.button(key="mock_save").click().run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any(text.READ_ONLY_HEADER in e for e in errors), errors
    assert not any(mock_text.SAVED.split("{")[0] in s.value for s in at.success)
    nothing_written(isolated_data_dir)


# ------------------------------------------------------------- two learners apart
def test_two_learners_never_see_each_others_progress(app_test, header_mode, isolated_data_dir):
    ana = learner_store(ANA)
    ana.record_review(41, "good", 12.0)
    ana.set_bookmark(41, True)
    ana.set_note(41, "ana's private note")
    ana.save_mock_session(
        {
            "preset": "custom",
            "config": {"n_questions": 3, "seconds_per_question": 15, "follow_ups": False},
            "started_at": "2026-01-01T10:00",
            "totals": {
                "questions": 3,
                "answered": 3,
                "mean_coverage": 0.5,
                "time_used_s": 30.0,
                "time_budget_s": 45.0,
            },
        }
    )

    header_mode[HEADER] = "Ana@Example.org"  # the same learner whatever the case
    at = open_page(app_test, "pages/progress.py")
    assert metrics(at)["Reviews"] == "1"
    assert "Signed in as **ana@example\\.org**" in shown(at)
    [table] = [d.value for d in at.dataframe if "Title" in d.value and "Note" in d.value]
    assert list(table["Note"]) == ["ana's private note"]
    assert mock_text.HISTORY_EMPTY not in shown(at)

    header_mode[HEADER] = BOB
    at = open_page(app_test, "pages/progress.py")
    assert metrics(at)["Reviews"] == "0"
    assert "ana's private note" not in shown(at)
    assert not [d for d in at.dataframe if "Note" in d.value]
    assert mock_text.HISTORY_EMPTY in shown(at)
    at = open_page(app_test, "pages/browse.py")
    at.query_params["q"] = "41"
    at.run()
    assert at.text_area(key="browse_note_41").value == ""
    assert at.toggle(key="browse_bookmark_41").value is False
    assert learner_store(None).review_count() == 0  # nor the local store


def test_a_rating_goes_into_the_signed_in_learners_store_only(
    app_test, header_mode, isolated_data_dir
):
    header_mode[HEADER] = ANA
    at = open_page(app_test, "pages/quiz.py")
    at.radio(key="quiz_mode").set_value("new")
    at.number_input(key="quiz_limit").set_value(1)
    at.button(key="quiz_start").click().run()
    number = at.session_state["quiz_session"].numbers[0]
    at.button(key="quiz_reveal").click().run()
    at.button(key="quiz_rate_good").click().run()
    assert not at.exception
    assert [r.number for r in learner_store(ANA).reviews()] == [number]
    assert learner_store(BOB).review_count() == 0
    assert learner_store(None).review_count() == 0

    header_mode[HEADER] = BOB
    home = open_page(app_test, "pages/home.py")
    assert metrics(home)["Due now"] == "0"
    assert learner_store(BOB).review_count() == 0


def test_an_import_naming_another_learner_is_refused(app_test, header_mode):
    ana = learner_store(ANA)
    ana.set_bookmark(7, True)
    exported = export_json(ana, learner=ANA)
    bob = learner_store(BOB)
    bob.set_note(3, "bob's own")

    header_mode[HEADER] = BOB
    at = open_page(app_test, "pages/progress.py")
    at.file_uploader(key="progress_import_file").upload(
        "ana.json", exported.encode(), "application/json"
    )
    at.run()
    at.button(key="progress_import").click().run()
    assert not at.exception
    assert any("Nothing was imported" in e.value for e in at.error)
    assert any("this file is the progress of 'ana@example.org'" in c.value for c in at.code)
    assert bob.bookmarks() == [] and bob.notes() == {3: "bob's own"}
    assert ana.bookmarks() == [7]


def test_an_export_names_the_learner_and_imports_back_into_their_own_store(app_test, header_mode):
    header_mode[HEADER] = ANA
    at = open_page(app_test, "pages/progress.py")
    source = ProgressStore.in_memory()
    source.set_bookmark(9, True)
    at.file_uploader(key="progress_import_file").upload(
        "mine.json", export_json(source).encode(), "application/json"
    )
    at.run()
    at.button(key="progress_import").click().run()
    assert any("Imported" in s.value for s in at.success)
    assert learner_store(ANA).bookmarks() == [9]
    assert learner_store(BOB).bookmarks() == [] and learner_store(None).bookmarks() == []
    document = json.loads(export_json(learner_store(ANA), learner=ANA))
    assert document["learner"] == ANA


# ------------------------------------------------------------------ forged headers
def test_a_header_is_ignored_in_oidc_mode(app_test, oidc_mode, isolated_data_dir):
    oidc_mode[HEADER] = ANA
    learner_store(ANA).set_note(41, "ana's private note")
    at = open_page(app_test, "pages/progress.py")
    assert text.NOT_SIGNED_IN_OIDC in shown(at)
    assert at.button(key="identity_sign_in") is not None
    assert text.FORGED_HEADER.format(headers=HEADER) in shown(at)
    assert "ana's private note" not in shown(at)
    assert at.button(key="progress_import").disabled


def test_a_header_is_ignored_in_local_mode_and_never_read(app_test, monkeypatch):
    def forged():
        raise AssertionError("local mode read the request headers")

    monkeypatch.setattr("ui.identity.request_headers", forged)
    learner_store(ANA).set_note(41, "ana's private note")
    at = open_page(app_test, "pages/progress.py")
    assert "Progress is saved in" in shown(at)  # the local app, exactly as before
    assert "ana's private note" not in shown(at)
    assert text.SIDEBAR_CAPTION_HOSTED not in shown(at)


# --------------------------------------------------------------------- OIDC
def test_oidc_sign_in_scopes_progress_and_offers_sign_out(app_test, oidc_mode):
    learner_store(ANA).set_bookmark(41, True)
    at = open_page(
        app_test, "pages/progress.py", user={"is_logged_in": True, "email": "ANA@example.org"}
    )
    assert "Signed in as **ana@example\\.org**" in shown(at)
    assert at.sidebar.button(key="identity_sign_out") is not None
    [table] = [d.value for d in at.dataframe if "Bookmarked" in d.value]
    assert list(table["#"]) == [41]
    assert not at.checkbox(key="progress_reset_confirm").disabled  # a learner may reset
    assert not at.file_uploader(key="progress_import_file").disabled


def test_oidc_sign_in_without_email_is_read_only_and_says_why(app_test, oidc_mode):
    at = open_page(app_test, "pages/home.py", user={"is_logged_in": True, "sub": "x"})
    assert "did not share your e-mail address" in shown(at)
    assert at.sidebar.button(key="identity_sign_out") is not None


# ------------------------------------------------------------- configuration error
@pytest.mark.parametrize("page", PAGES)
def test_a_configuration_error_is_shown_on_every_page(
    app_test, monkeypatch, headers, page, isolated_data_dir
):
    monkeypatch.setenv("SIMULACRO_IDENTITY", "header")  # without SIMULACRO_HOSTED
    headers[HEADER] = ANA
    at = open_page(app_test, page)
    [error] = [e.value for e in at.error if "Configuration error" in e.value]
    assert "SIMULACRO_IDENTITY is set but SIMULACRO_HOSTED is not" in error
    nothing_written(isolated_data_dir)


SESSION_SCRIPT = """
import streamlit as st
from ui.identity import render_identity
render_identity()
st.session_state.setdefault("quiz_session", "ana's quiz")
st.write(st.session_state["quiz_session"])
"""


def test_a_new_learner_in_the_same_session_starts_afresh(header_mode):
    from streamlit.testing.v1 import AppTest

    header_mode[HEADER] = ANA
    at = AppTest.from_string(SESSION_SCRIPT, default_timeout=30).run()
    at.session_state["quiz_session"] = "ana's quiz in progress"
    at.run()
    assert at.main.markdown[-1].value == "ana's quiz in progress"
    header_mode[HEADER] = BOB
    at.run()
    assert not at.exception
    assert at.main.markdown[-1].value == "ana's quiz"  # state started afresh, not ana's
    assert text.LEARNER_CHANGED in shown(at)


def test_sign_in_without_an_auth_configuration_is_a_message(app_test, oidc_mode):
    at = open_page(app_test, "pages/home.py")
    at.button(key="identity_sign_in").click().run()
    assert not at.exception
    assert at.session_state["_sign_in_error"].startswith("Sign-in is not available: ")


RECORDINGS_SCRIPT = """
import streamlit as st
from ui.mock_voice import data_dir
st.write(str(data_dir()))
"""


def test_recordings_live_in_the_learners_own_folder(header_mode, isolated_data_dir):
    from streamlit.testing.v1 import AppTest

    from simulacro.store_factory import learner_progress_dir

    def folder() -> str:
        return AppTest.from_string(RECORDINGS_SCRIPT, default_timeout=30).run().markdown[0].value

    header_mode[HEADER] = ANA
    assert folder() == str(learner_progress_dir(isolated_data_dir, ANA))
    header_mode[HEADER] = BOB
    assert folder() == str(learner_progress_dir(isolated_data_dir, BOB))
    header_mode.clear()
    assert folder() == "None"  # not signed in: no recording is kept, read or deleted


def test_local_recordings_stay_in_the_data_folder(isolated_data_dir):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string(RECORDINGS_SCRIPT, default_timeout=30).run()
    assert at.markdown[0].value == str(isolated_data_dir)


class _GoneStore:
    """A store whose database went away after it was opened."""

    warning = None

    def __getattr__(self, name):
        def gone(*_args, **_kwargs):
            raise StoreUnavailable("the database at db:5432 does not answer")

        return gone


@pytest.mark.parametrize("page", ("pages/home.py", "pages/progress.py", "pages/quiz.py"))
def test_a_store_that_goes_away_mid_page_is_a_message(app_test, header_mode, monkeypatch, page):
    header_mode[HEADER] = ANA
    monkeypatch.setattr("ui.progress_widgets._open_store", lambda *_args: _GoneStore())
    at = open_page(app_test, page)
    [error] = [e.value for e in at.error if "cannot be read right now" in e.value]
    assert "the database at db:5432 does not answer" in error


def test_a_store_that_cannot_be_opened_is_read_only_with_its_message(
    app_test, header_mode, monkeypatch, isolated_data_dir
):
    def unavailable(*_args):
        raise StoreUnavailable("cannot reach the database at db:5432 (connection refused)")

    header_mode[HEADER] = ANA
    monkeypatch.setattr("ui.progress_widgets._open_store", unavailable)
    at = open_page(app_test, "pages/progress.py")
    assert any("connection refused" in w.value for w in at.warning)
    assert metrics(at)["Reviews"] == "0"
    assert "nothing can be saved right now" in shown(at)
    assert "no other learner can see it" not in shown(at)  # it is saved nowhere
    nothing_written(isolated_data_dir)


def test_only_the_configured_header_names_a_learner(app_test, header_mode, monkeypatch):
    monkeypatch.setenv("SIMULACRO_IDENTITY_HEADER", "X-Auth-Request-Email")
    header_mode[HEADER] = ANA  # X-Forwarded-Email: not the one the proxy sets here
    learner_store(ANA).set_note(41, "ana's private note")
    at = open_page(app_test, "pages/progress.py")
    assert "the request has no X-Auth-Request-Email header" in shown(at)
    assert "ana's private note" not in shown(at)
    assert at.button(key="progress_import").disabled


def test_two_different_identity_headers_are_refused(app_test, monkeypatch, header_mode):
    class TwoValues(dict):
        def get_all(self, name):
            return [ANA, BOB] if name.lower() == HEADER.lower() else []

    monkeypatch.setattr("ui.identity.request_headers", lambda: TwoValues())
    at = open_page(app_test, "pages/home.py")
    assert f"2 different {HEADER} headers" in shown(at)
    assert "Signed in as" not in shown(at)
