"""Who is studying: the signed-in learner in hosted mode (simulacro.hosting), None locally.

Local mode (the default) costs one environment read and touches neither st.user nor the
request headers. In hosted mode the learner comes from st.user (OIDC sign-in through
st.login) or from the one header a trusted reverse proxy sets; a header is read only when
header identity is configured, so a client cannot pick a learner by sending one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import streamlit as st

from simulacro import hosting
from simulacro.hosting import HostingConfig, LearnerIdError
from ui.text import identity as text

LEARNER_KEY = "_simulacro_learner"  # session state: whom this session's state belongs to


@dataclass(frozen=True)
class Visitor:
    config: HostingConfig
    learner: str | None = None  # None: local mode, or hosted and not signed in
    problem: str | None = None  # why a hosted visitor has no learner (shown to them)

    @property
    def hosted(self) -> bool:
        return self.config.hosted

    @property
    def can_write(self) -> bool:
        return not self.hosted or self.learner is not None

    @property
    def refusal(self) -> str:
        """Why nothing is saved for this visitor (hosted, not signed in)."""
        if self.config.error:
            return text.READ_ONLY_CONFIG
        if self.config.identity == hosting.HEADER:
            return text.READ_ONLY_HEADER
        return text.READ_ONLY


def request_headers() -> Mapping[str, str]:
    """The headers of the request that opened this session (the seam tests replace)."""
    return st.context.headers


def user_info() -> Mapping[str, object]:
    """st.user as a mapping (the seam tests may replace; AppTest seeds it with `at.user`)."""
    return st.user.to_dict()


def _header_values(name: str) -> list[str]:
    headers = request_headers()
    get_all = getattr(headers, "get_all", None)
    if get_all is not None:
        return list(get_all(name))
    value = headers.get(name)
    return [] if value is None else [value]


def current_visitor() -> Visitor:
    config = hosting.load_config()
    if config.local:
        return Visitor(config)
    if config.error:
        return Visitor(config, problem=config.error)
    try:
        if config.identity == hosting.HEADER:
            assert config.header is not None
            learner = hosting.learner_from_header(_header_values(config.header), config.header)
        else:
            learner = hosting.learner_from_oidc(user_info())
    except LearnerIdError as exc:
        return Visitor(config, problem=str(exc))
    return Visitor(config, learner=learner)


def current_learner() -> str | None:
    """The signed-in learner, or None (local mode, or hosted and not signed in)."""
    return current_visitor().learner


def write_refusal() -> str | None:
    """The message saying why nothing may be saved now, or None when saving is allowed."""
    visitor = current_visitor()
    return None if visitor.can_write else visitor.refusal


def _sign_in() -> None:
    try:
        st.login()
    except Exception as exc:  # noqa: BLE001 - missing [auth] secrets, Authlib: say so
        st.session_state["_sign_in_error"] = text.SIGN_IN_FAILED.format(error=exc)


def _start_afresh_if_learner_changed(visitor: Visitor) -> None:
    # A session belongs to one learner: quiz, interview and plan settings kept in session
    # state must never carry over to whoever signs in next in the same tab.
    state = st.session_state
    who = visitor.learner or ""
    if LEARNER_KEY in state and state[LEARNER_KEY] != who:
        for key in list(state.keys()):
            if not str(key).startswith("_simulacro_"):  # app plumbing (ui/entry.py) stays
                del state[key]
        state["_learner_changed"] = True
    state[LEARNER_KEY] = who


def sidebar_caption(local: str) -> str:
    """The sidebar's one-line description of where progress goes."""
    return text.SIDEBAR_CAPTION_HOSTED if hosting.load_config().hosted else local


def render_identity() -> Visitor:
    """Sidebar: who is signed in (and sign-out); main area: why nothing is saved, if so.

    Local mode: draws nothing.
    """
    visitor = current_visitor()
    if not visitor.hosted:
        return visitor
    _start_afresh_if_learner_changed(visitor)
    config = visitor.config
    if config.error:
        st.error(text.CONFIG_ERROR.format(error=config.error), icon=":material/settings:")
        return visitor
    if config.identity == hosting.OIDC:
        forged = hosting.forged_headers(request_headers(), config)
        if forged:
            st.sidebar.caption(text.FORGED_HEADER.format(headers=", ".join(forged)))
    if st.session_state.pop("_learner_changed", False):
        st.info(text.LEARNER_CHANGED, icon=":material/person:")
    if visitor.learner is not None:
        st.sidebar.markdown(text.SIGNED_IN_AS.format(learner=escape_markdown(visitor.learner)))
        if config.identity == hosting.OIDC:
            st.sidebar.button(text.SIGN_OUT, key="identity_sign_out", on_click=st.logout)
        return visitor
    if config.identity == hosting.HEADER:
        st.warning(
            text.NOT_IDENTIFIED_HEADER.format(problem=visitor.problem),
            icon=":material/no_accounts:",
        )
        return visitor
    if visitor.problem:  # signed in, but the sign-in names no usable learner
        st.warning(
            text.SIGN_IN_PROBLEM.format(problem=visitor.problem), icon=":material/no_accounts:"
        )
        st.sidebar.button(text.SIGN_OUT, key="identity_sign_out", on_click=st.logout)
        return visitor
    st.info(text.NOT_SIGNED_IN_OIDC, icon=":material/no_accounts:")
    st.button(text.SIGN_IN, key="identity_sign_in", on_click=_sign_in, icon=":material/login:")
    error = st.session_state.pop("_sign_in_error", None)
    if error:
        st.error(error)
    return visitor


def escape_markdown(value: str) -> str:
    """A learner id shown in Markdown: no formatting from its characters."""
    return "".join("\\" + c if c in "\\`*_{}[]<>()#+-.!|~$" else c for c in value)
