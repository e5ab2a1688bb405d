"""Real Chromium: the speech toggle without voices, and a spoken answer recorded and played.

The microphone is Chromium's fake capture device fed with a WAV we make
(--use-file-for-fake-audio-capture), so the recording goes through the real widget.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import CHROMIUM_ARGS
from tools.wav_tone import wav_bytes

pytestmark = pytest.mark.browser

CLOCK = re.compile(r"^\d\d:\d\d$")


@pytest.fixture(scope="module")
def voice_app(tmp_path_factory, chromium_executable):
    """(base URL, data folder) of an app server of this module's own."""
    from tools.server import running_app

    data_dir = tmp_path_factory.mktemp("voice-data")
    with running_app(data_dir) as (base_url, _):
        yield base_url, data_dir


@pytest.fixture(scope="module")
def mic_browser(tmp_path_factory, browser, chromium_executable):
    """Chromium whose microphone plays a 3-second tone; no voices (headless).

    Launched through the shared browser's Playwright (one Playwright per process).
    """
    wav = tmp_path_factory.mktemp("mic") / "answer.wav"
    wav.write_bytes(wav_bytes(3.0))
    args = [
        *CHROMIUM_ARGS,
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
        f"--use-file-for-fake-audio-capture={wav}",
    ]
    mic = browser.browser_type.launch(executable_path=chromium_executable, headless=True, args=args)
    yield mic
    mic.close()


@pytest.fixture
def mic_page(mic_browser):
    context = mic_browser.new_context(
        viewport={"width": 1400, "height": 1000}, permissions=["microphone"]
    )
    page = context.new_page()
    page.set_default_timeout(30_000)
    yield page
    context.close()


def start_one_question(page, base: str, seconds: int = 180) -> None:
    page.goto(f"{base}/mock_interview")
    page.get_by_text("Custom", exact=True).click()
    for name, value in (("Number of questions", 1), ("Time per question (seconds)", seconds)):
        box = page.get_by_role("spinbutton", name=name)
        box.fill(str(value))
        box.press("Enter")
    expect(page.get_by_text(f"{seconds // 60:02d}:{seconds % 60:02d} per question")).to_be_visible()
    expect(page.get_by_text("1 questions", exact=True)).to_be_visible()
    page.get_by_role("button", name="Start interview").click()
    expect(page.get_by_text("Question 1 of 1")).to_be_visible()


def test_speech_toggle_without_voices_says_so_and_the_page_keeps_working(voice_app, mic_page):
    """Headless Chromium has no voice: the reader says so; the clock ticks, typing stays."""
    page = mic_page
    start_one_question(page, voice_app[0])
    assert page.evaluate("speechSynthesis.getVoices().length") == 0
    page.get_by_text("Read the questions aloud").click()
    reader = page.frame_locator("iframe[title='st.iframe']").first.locator("#status")
    expect(reader).to_have_text(
        "This browser has no voice for speech: read the question on screen."
    )
    answer = page.get_by_role("textbox", name="Your answer")
    answer.click()
    page.keyboard.type("sigo escribiendo")
    clock = page.locator("h1").filter(has_text=CLOCK)
    before = clock.inner_text()
    expect(clock).not_to_have_text(before, timeout=5_000)  # still ticking
    expect(answer).to_have_value("sigo escribiendo")
    page.get_by_role("button", name="End interview").click()
    expect(page.get_by_text("Question by question")).to_be_visible()


def test_a_spoken_answer_is_recorded_kept_and_played_back_in_the_report(voice_app, mic_page):
    """Record from the (fake) microphone, see it kept on disk, hear it in the report."""
    base, data_dir = voice_app
    page = mic_page
    start_one_question(page, base)
    widget = page.get_by_test_id("stAudioInput")
    widget.get_by_role("button", name="Record", exact=True).click()
    button = widget.get_by_test_id("stAudioInputActionButton")
    expect(button).to_have_attribute("aria-label", re.compile("stop", re.IGNORECASE))  # recording
    expect(widget.get_by_test_id("stAudioInputWaveformTimeCode")).to_have_text(
        re.compile(r"00:0[2-9]"), timeout=10_000
    )
    button.click()
    expect(page.get_by_text(re.compile(r"Recording kept \(00:0\d\)"))).to_be_visible()
    files = list((data_dir / "mock_recordings").glob("*/q1_main.wav"))
    assert len(files) == 1 and files[0].read_bytes()[:4] == b"RIFF"
    page.get_by_role("button", name="End interview").click()
    expect(page.get_by_text("Question by question")).to_be_visible()
    page.get_by_text("1. Question").click()
    expect(page.get_by_text(re.compile(r"Your spoken answer \(00:0\d\)"))).to_be_visible()
    player = page.locator("audio").last
    expect(player).to_be_attached()
    duration = page.wait_for_function(
        "a => a.readyState >= 1 && isFinite(a.duration) ? a.duration : 0",
        arg=player.element_handle(),
    ).json_value()
    assert duration > 1.0  # the recorded seconds play back
    expect(page.get_by_text("Key points: tick what you said while listening")).to_be_visible()
