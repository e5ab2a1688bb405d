"""AppTest: recorded answers (kept, played back, limits, deletion) and the speech toggle."""

from __future__ import annotations

import shutil
import time

import pytest

from simulacro import interview as iv
from simulacro import recordings as rec
from simulacro.store import ProgressStore
from tools.wav_tone import wav_bytes
from ui import mock_voice
from ui import mock_widgets as mw
from ui.text import grading as grading_text

PAGE = "pages/mock_interview.py"


@pytest.fixture
def interview_page(app_test):
    at = app_test()
    at.run()
    at.switch_page(PAGE)
    config = iv.custom(n_questions=2, seconds_per_question=120)
    at.session_state[mw.INTERVIEW] = iv.Interview.start(config, [41, 58], now=time.time())
    at.run()
    assert not at.exception
    return at


def folder(data_dir, at):
    return data_dir / rec.FOLDER / at.session_state[mw.INTERVIEW].token


def test_a_recording_is_kept_in_the_data_folder_and_played_back(interview_page, isolated_data_dir):
    at = interview_page
    data = wav_bytes(1.0)
    at.audio_input(key="mock_audio_0_main").set_value(("rec.wav", data, "audio/wav")).run()
    assert not at.exception
    interview = at.session_state[mw.INTERVIEW]
    assert interview.runs[0].recording == "q1_main" and interview.runs[0].aloud
    assert (folder(isolated_data_dir, at) / "q1_main.wav").read_bytes() == data
    assert any("Recording kept (00:01)" in c.value for c in at.caption)
    assert at.get("audio")  # played back under the widget
    at.button(key="mock_next").click().run()
    at.button(key="mock_end").click().run()  # question 2: nothing typed, nothing said
    report = at.session_state[mw.REPORT]
    assert report.rows[0].status == iv.ANSWERED and report.rows[0].recording == "q1_main"
    assert len(at.get("audio")) == 1  # the report plays the spoken answer back
    assert any("Your spoken answer (00:01)" in c.value for c in at.caption)
    # the key points, to tick off while listening, grade it
    boxes = [c for c in at.checkbox if c.key and c.key.startswith("mock_kp_1_")]
    assert len(boxes) >= 3
    # A project detail is marked and, ticked, scores nothing; a scored point counts.
    suffix = grading_text.DETAIL_SUFFIX
    scored = [c for c in boxes if not c.label.endswith(suffix)]
    details = [c for c in boxes if c.label.endswith(suffix)]
    for box in details:
        at.checkbox(key=box.key).check().run()
    assert report.rows[0].coverage == 0.0
    at.checkbox(key=scored[0].key).check().run()
    assert scored[0].label in report.rows[0].covered
    assert report.rows[0].coverage == pytest.approx(1 / len(scored), abs=1e-3)
    assert report.rows[0].points_text == f"1/{len(scored)}"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (wav_bytes(0.0), "the recording is empty"),
        (b"RIFF\x00\x00\x00\x00WAVEjunk", "damaged WAV"),
        (b"RIFF" + b"\x00" * (rec.MAX_BYTES + 10), "over the 20 MB limit"),
    ],
)
def test_bad_recordings_get_a_clear_message_and_lose_nothing(interview_page, data, message):
    at = interview_page
    at.text_area(key="mock_answer_0_main").input("lo escrito").run()
    at.audio_input(key="mock_audio_0_main").set_value(("rec.wav", data, "audio/wav")).run()
    assert not at.exception
    [error] = [e.value for e in at.error]
    assert error.startswith("Question 1: ") and message in error and "typed answer is kept" in error
    interview = at.session_state[mw.INTERVIEW]
    assert interview.runs[0].recording is None and interview.runs[0].answer == "lo escrito"
    at.button(key="mock_next").click().run()
    assert not at.error  # the message belongs to the question it happened on


def test_a_full_data_folder_is_said_clearly(interview_page, monkeypatch):
    at = interview_page
    usage = shutil.disk_usage("/")
    monkeypatch.setattr(rec.shutil, "disk_usage", lambda _: usage._replace(free=10))
    at.audio_input(key="mock_audio_0_main").set_value(("r.wav", wav_bytes(1.0), "audio/wav"))
    at.run()
    assert not at.exception
    assert any("has no room for this recording" in e.value for e in at.error)
    assert at.session_state[mw.INTERVIEW].runs[0].recording is None


def test_an_unsaved_interview_started_over_deletes_its_recordings(
    interview_page, isolated_data_dir
):
    at = interview_page
    at.audio_input(key="mock_audio_0_main").set_value(("r.wav", wav_bytes(0.5), "audio/wav"))
    at.run()
    where = folder(isolated_data_dir, at)
    assert where.exists()
    at.button(key="mock_end").click().run()
    at.button(key="mock_new").click().run()
    assert not where.exists()


def test_a_saved_interview_keeps_its_recordings_until_progress_is_reset(
    interview_page, isolated_data_dir
):
    at = interview_page
    at.audio_input(key="mock_audio_0_main").set_value(("r.wav", wav_bytes(0.5), "audio/wav"))
    at.run()
    where = folder(isolated_data_dir, at)
    at.button(key="mock_end").click().run()
    at.button(key="mock_save").click().run()
    [saved] = ProgressStore.open().mock_sessions()
    assert saved["token"] == where.name and saved["rows"][0]["recording"] == "q1_main"
    at.button(key="mock_new").click().run()
    assert where.exists()  # saved: the recording stays with the saved interview
    at.switch_page("pages/progress.py").run()
    at.checkbox(key="progress_reset_confirm").check().run()
    at.button(key="progress_reset").click().run()
    assert not at.exception
    assert not (isolated_data_dir / rec.FOLDER).exists()


def test_an_interview_left_open_for_days_ends_with_a_clear_message(app_test):
    at = app_test()
    at.run()
    at.switch_page(PAGE)
    config = iv.custom(n_questions=2, seconds_per_question=60)
    three_days_ago = time.time() - 3 * 86400
    at.session_state[mw.INTERVIEW] = iv.Interview.start(config, [41, 58], now=three_days_ago)
    at.session_state["mock_answer_0_main"] = "lo que escribí hace días"
    at.run()
    assert not at.exception
    assert any("left open for 3 day(s)" in i.value for i in at.info)
    report = at.session_state[mw.REPORT]
    assert report.rows[0].answer == "lo que escribí hace días"
    assert report.end_reason == iv.END_TIME_UP


def test_the_speech_toggle_adds_the_reader_and_keeps_the_page_working(interview_page):
    at = interview_page
    assert not at.get("iframe")
    at.toggle(key=mock_voice.SPEAK).set_value(True).run()
    assert not at.exception
    [frame] = at.get("iframe")
    html = frame.proto.srcdoc
    assert "speechSynthesis" in html and "http" not in html.split("<script>")[1]  # offline
    assert '"lang": "es"' in html
    at.text_area(key="mock_answer_0_main").input("sigo escribiendo").run()
    at.button(key="mock_next").click().run()
    assert not at.exception and at.session_state[mw.INTERVIEW].index == 1
    assert at.toggle(key=mock_voice.SPEAK).value  # still on for the next question


def test_question_text_cannot_break_out_of_the_speech_script():
    html = mock_voice.speech_html("id", '</script><script>alert(1)</script> & "x"')
    script = html.split("<script>", 1)[1]
    assert "</script><script>alert" not in script
    assert script.count("</script>") == 1  # only the snippet's own end


def test_with_a_recording_on_a_tick_still_reruns_only_the_clock_fragment():
    """The bench's spoken scenario: recording kept and speech on, yet a tick draws 2 clocks."""
    from tools.mock_bench import measure

    figures = measure(ticks=3, recording=True)
    assert (figures["audio_players"], figures["speech_frames"]) == (1, 1)
    assert figures["fragment_runs"] == 3 and figures["page_runs_during_ticks"] == 0
    assert figures["elements_drawn_by_tick"] == 2
