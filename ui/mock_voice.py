"""The spoken side of the mock interview: the interviewer's voice and recorded answers.

- `speak_toggle` + `speak`: the browser's own speech synthesis (window.speechSynthesis,
  offline, no cloud) reads the question or follow-up once, with a Spanish voice when the
  browser has one. A tiny fixed script in an iframe (st.components.v1.html, no external
  resources); the text goes in as JSON with "<" escaped, so content cannot become markup.
  Without any voice (e.g. headless Chromium) it stays silent and says so in one line.
- `record_answer`: st.audio_input; each recording is checked and kept in the data folder
  (simulacro.recordings) under the interview's token, then played back below the widget,
  and in the report next to the model answer and the key points.
"""

from __future__ import annotations

import json
from pathlib import Path

import streamlit as st
import streamlit.components.v1 as components

from simulacro import interview as iv
from simulacro import recordings
from simulacro.store_factory import learner_progress_dir
from ui.decks import current_deck
from ui.identity import current_visitor
from ui.persist import remember, restore
from ui.text import mock as text

SPEAK = "mock_speak"  # the toggle (kept across pages)
AUDIO_ERROR = "mock_audio_error"
SPEECH_HEIGHT = 34

_SPEECH_HTML = """<!doctype html><html><body style="margin:0">
<div style="display:flex;gap:.5rem;align-items:center;font:13px 'Source Sans Pro',sans-serif;
color:#555"><button id="again" style="font:inherit;padding:2px 8px;border:1px solid #ccc;
border-radius:6px;background:#fff;cursor:pointer" hidden></button><span id="status"></span></div>
<script>
const u = __PAYLOAD__;
const status = document.getElementById("status");
const again = document.getElementById("again");
let host = window;
try { if (window.parent.speechSynthesis) host = window.parent; } catch (e) {}
const synth = host.speechSynthesis;
function storage() { try { return host.sessionStorage; } catch (e) { return null; } }
function pickVoice(voices) {
  return voices.find(v => v.lang && v.lang.toLowerCase().startsWith(u.lang)) || null;
}
function speak(force) {
  if (!synth || typeof SpeechSynthesisUtterance === "undefined") {
    status.textContent = u.no_voice; return;
  }
  const voices = synth.getVoices();
  if (!voices.length) { status.textContent = u.no_voice; return; }
  const store = storage();
  const said = store && store.getItem("simulacro_spoken") === u.id;
  const voice = pickVoice(voices);
  again.hidden = false; again.textContent = u.again;
  status.textContent = voice ? u.reading.replace("{voice}", voice.name) : u.other_voice;
  if (said && !force) return;
  if (store) store.setItem("simulacro_spoken", u.id);
  const utterance = new SpeechSynthesisUtterance(u.text);
  utterance.lang = voice ? voice.lang : u.fallback_lang;
  if (voice) utterance.voice = voice;
  synth.cancel();
  synth.speak(utterance);
}
again.addEventListener("click", () => speak(true));
if (synth && !synth.getVoices().length && "onvoiceschanged" in synth) {
  let done = false;
  synth.addEventListener("voiceschanged", () => { if (!done) { done = true; speak(false); } });
  setTimeout(() => { if (!done) { done = true; speak(false); } }, 1500);
} else { speak(false); }
</script></body></html>"""


def speech_html(utterance_id: str, spoken: str, language: str = "es") -> str:
    """The snippet that reads `spoken` once per `utterance_id` (see the module docstring)."""
    payload = {
        "id": utterance_id,
        "text": spoken,
        "lang": language,
        "fallback_lang": "es-ES" if language == "es" else "en-US",
        "no_voice": text.SPEECH_NO_VOICE,
        "reading": text.SPEECH_READING,
        "other_voice": text.SPEECH_OTHER_VOICE,
        "again": text.SPEECH_AGAIN,
    }
    encoded = json.dumps(payload, ensure_ascii=False)
    # No "<" survives: "</script>" or "<!--" in a question cannot end the script.
    encoded = encoded.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return _SPEECH_HTML.replace("__PAYLOAD__", encoded)


def speak_toggle() -> bool:
    restore(SPEAK)
    return st.toggle(text.SPEAK, key=SPEAK, help=text.SPEAK_HELP, on_change=remember(SPEAK))


def speak(interview: iv.Interview, spoken: str) -> None:
    """Read the current question (or follow-up) aloud once, if the toggle is on."""
    # Always one container here, so turning speech on or off never shifts the widgets below
    # (a shifted button can briefly exist twice in the browser while the page reruns).
    with st.container():
        if st.session_state.get(SPEAK):
            utterance = f"{interview.token}-{interview.index}-{interview.phase}"
            components.html(speech_html(utterance, spoken), height=SPEECH_HEIGHT)


# --------------------------------------------------------------------------- recordings
def data_dir() -> Path | None:
    """The current deck's progress folder: recordings live (and are reset) with its progress.

    Hosted mode: the learner's own folder of the deck; None when nobody is signed in (no
    recording is kept, read or deleted).
    """
    visitor = current_visitor()
    folder = Path(current_deck().progress_dir)
    if not visitor.hosted:
        return folder
    if visitor.learner is None:
        return None
    return learner_progress_dir(folder, visitor.learner)


def audio_key(interview: iv.Interview) -> str:
    return f"mock_audio_{interview.index}_{interview.phase}"


def _keep_recording(interview: iv.Interview, key: str) -> None:
    """on_change of the audio input: check and keep the recording, or drop it if cleared."""
    state = st.session_state
    if interview.finished or key != audio_key(interview):  # the phase moved on meanwhile
        return
    state.pop(AUDIO_ERROR, None)
    slot = interview.recording_slot()
    upload = state.get(key)
    folder = data_dir()
    if folder is None:  # hosted and not signed in: keep nothing, say why
        interview.set_recording(None)
        if upload is not None:
            pos, _ = interview.position_label()
            state[AUDIO_ERROR] = text.RECORDING_FAILED.format(
                pos=pos, error=current_visitor().refusal.rstrip(".")
            )
        return
    if upload is None:  # the learner deleted the recording in the widget
        recordings.delete(folder, interview.token, slot)
        interview.set_recording(None)
        return
    try:
        _, info = recordings.save(folder, interview.token, slot, upload.getvalue())
    except recordings.RecordingError as exc:
        pos, _ = interview.position_label()
        state[AUDIO_ERROR] = text.RECORDING_FAILED.format(pos=pos, error=exc)
        return
    interview.set_recording(slot, info.seconds)


def record_answer(interview: iv.Interview) -> None:
    """The audio input of the current phase, its error if any, and the kept recording."""
    run = interview.current
    assert run is not None
    key = audio_key(interview)
    st.audio_input(
        text.RECORD,
        key=key,
        on_change=_keep_recording,
        args=(interview, key),
        help=text.RECORD_HELP,
    )
    with st.container():  # fixed slot: what appears here never shifts the buttons below
        error = st.session_state.get(AUDIO_ERROR)
        if error:
            st.error(error, icon=":material/mic_off:")
        follow = interview.phase == iv.FOLLOW_UP
        slot = run.follow_up_recording if follow else run.recording
        seconds = run.follow_up_recording_s if follow else run.recording_s
        if slot:
            st.caption(text.RECORDING_KEPT.format(length=iv.format_clock(seconds)))
            folder = data_dir()
            data = None if folder is None else recordings.load(folder, interview.token, slot)
            if data is not None:
                st.audio(data, format="audio/wav")


def play(report: iv.Report, slot: str | None, seconds: float) -> None:
    """Play a recording of the report back, or say that it is gone."""
    if not slot:
        return
    folder = data_dir()
    data = recordings.load(folder, report.token, slot) if report.token and folder else None
    if data is None:
        st.caption(text.RECORDING_GONE)
        return
    st.caption(text.RECORDING_LENGTH.format(length=iv.format_clock(seconds)))
    st.audio(data, format="audio/wav")


def forget_recordings(token: str) -> None:
    """Delete one interview's recordings (an unsaved interview the learner started over)."""
    folder = data_dir()
    if token and folder is not None:
        recordings.delete_interview(folder, token)


def forget_all_recordings() -> None:
    """Delete every recording (progress reset)."""
    folder = data_dir()
    if folder is not None:
        recordings.delete_all(folder)


def prune_orphans(saved_tokens: set[str]) -> None:
    """Recordings of interviews never saved nor started over, untouched for a week."""
    folder = data_dir()
    if folder is not None:
        recordings.prune_orphans(folder, saved_tokens)
