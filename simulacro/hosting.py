"""Hosted mode: who the visitor is, read from the deployment's configuration.

Off by default: the app is a single-user study tool and every progress read and write goes to
the local store. A deployment for a group switches it on with environment variables:

- `SIMULACRO_HOSTED=1` scopes every read and write of progress to a signed-in learner;
- `SIMULACRO_IDENTITY=oidc` (the default when hosted) takes the learner from Streamlit's
  `st.login`/`st.user` (OpenID Connect, configured in `.streamlit/secrets.toml`);
- `SIMULACRO_IDENTITY=header` with `SIMULACRO_IDENTITY_HEADER=X-Forwarded-Email` trusts a
  header set by a reverse proxy that authenticates every request and strips the header from
  what clients send. Only ever when explicitly configured: anyone can send any header.

A wrong combination (an identity setting or `SIMULACRO_DATABASE_URL` without hosted mode,
header identity without its header...) is a `HostingConfigError`; `load_config` turns it
into a configuration that fails closed (hosted, nobody signed in, nothing written) and
carries the message for every page to show.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

ENV_HOSTED = "SIMULACRO_HOSTED"
ENV_IDENTITY = "SIMULACRO_IDENTITY"
ENV_HEADER = "SIMULACRO_IDENTITY_HEADER"
ENV_DATABASE = "SIMULACRO_DATABASE_URL"  # read by store_factory; shared only when hosted
OIDC = "oidc"
HEADER = "header"
IDENTITIES = (OIDC, HEADER)
TRUE = frozenset({"1", "true", "yes", "on"})
FALSE = frozenset({"", "0", "false", "no", "off"})
MAX_LEARNER_CHARS = 254  # the longest e-mail address (RFC 5321 path limit)
MAX_HEADER_NAME_CHARS = 64
_HEADER_NAME = re.compile(r"[A-Za-z0-9!#$%&'*+.^_`|~-]+")  # an RFC 9110 token
# Headers an identity-aware proxy commonly sets: when one arrives but header identity is not
# enabled, it is ignored and the visitor is told so.
COMMON_IDENTITY_HEADERS = (
    "X-Forwarded-Email",
    "X-Forwarded-User",
    "X-Auth-Request-Email",
    "X-Auth-Request-User",
    "Remote-User",
    "X-Remote-User",
)


class HostingConfigError(ValueError):
    """The hosting environment variables do not make a valid configuration."""


class LearnerIdError(ValueError):
    """A learner id that cannot be used (empty, too long, control characters...)."""


@dataclass(frozen=True)
class HostingConfig:
    """The deployment's identity settings. `hosted=False` is the local single-user app."""

    hosted: bool = False
    identity: str | None = None  # OIDC or HEADER when hosted
    header: str | None = None  # the trusted header's name (HEADER identity only)
    error: str | None = None  # a configuration error: hosted, nobody can sign in

    @property
    def local(self) -> bool:
        return not self.hosted


LOCAL = HostingConfig()


def _flag(value: str) -> bool:
    word = value.strip().lower()
    if word in TRUE:
        return True
    if word in FALSE:
        return False
    raise HostingConfigError(
        f"{ENV_HOSTED}={value!r} is not a yes/no value: use 1, true, yes or on to switch "
        "hosted mode on, or 0, false, no, off (or leave it unset) for the local app"
    )


def read_config(environ: Mapping[str, str] | None = None) -> HostingConfig:
    """The configuration in `environ` (default: the process environment).

    Raises HostingConfigError for an invalid combination, saying which variable to fix.
    """
    env = os.environ if environ is None else environ
    hosted = _flag(env.get(ENV_HOSTED, ""))
    identity = env.get(ENV_IDENTITY, "").strip().lower()
    header = env.get(ENV_HEADER, "").strip()
    if not hosted:
        database = env.get(ENV_DATABASE, "").strip()
        settings = ((ENV_IDENTITY, identity), (ENV_HEADER, header), (ENV_DATABASE, database))
        stray = [name for name, value in settings if value]
        if stray:
            raise HostingConfigError(
                f"{' and '.join(stray)} {'is' if len(stray) == 1 else 'are'} set but "
                f"{ENV_HOSTED} is not: set {ENV_HOSTED}=1 for a deployment shared by several "
                "learners (otherwise everyone would share one progress store), or unset "
                f"{' and '.join(stray)} for the local app"
            )
        return LOCAL
    identity = identity or OIDC
    if identity not in IDENTITIES:
        raise HostingConfigError(
            f"{ENV_IDENTITY}={identity!r} is not one of {', '.join(IDENTITIES)} "
            "(oidc: sign-in through st.login; header: a trusted reverse proxy's header)"
        )
    if identity == OIDC:
        if header:
            raise HostingConfigError(
                f"{ENV_HEADER}={header!r} is set but {ENV_IDENTITY} is {OIDC}: the header is "
                f"only trusted with {ENV_IDENTITY}={HEADER}; unset {ENV_HEADER} or switch "
                "identity to header"
            )
        return HostingConfig(hosted=True, identity=OIDC)
    if not header:
        raise HostingConfigError(
            f"{ENV_IDENTITY}={HEADER} needs {ENV_HEADER}: the name of the header your reverse "
            "proxy sets to the signed-in user's e-mail (e.g. X-Forwarded-Email)"
        )
    if len(header) > MAX_HEADER_NAME_CHARS or not _HEADER_NAME.fullmatch(header):
        raise HostingConfigError(
            f"{ENV_HEADER}={header[:80]!r} is not a header name (letters, digits and "
            f"-_. only, at most {MAX_HEADER_NAME_CHARS} characters), e.g. X-Forwarded-Email"
        )
    return HostingConfig(hosted=True, identity=HEADER, header=header)


def load_config(environ: Mapping[str, str] | None = None) -> HostingConfig:
    """Like read_config, but never raises: an invalid configuration fails closed (hosted,
    nobody signed in, nothing written) and carries its message in `error`."""
    try:
        return read_config(environ)
    except HostingConfigError as exc:
        return HostingConfig(hosted=True, error=f"Configuration error: {exc}.")


def normalise_learner(raw: object, where: str = "learner") -> str:
    """The learner id to scope progress by: trimmed, NFC, e-mail addresses in lower case.

    Raises LearnerIdError (saying what and where) for anything that is not a usable id.
    """
    if not isinstance(raw, str):
        raise LearnerIdError(f"{where}: expected text, found {type(raw).__name__}")
    value = unicodedata.normalize("NFC", raw.strip())
    if not value:
        raise LearnerIdError(f"{where}: empty")
    if len(value) > MAX_LEARNER_CHARS:
        raise LearnerIdError(
            f"{where}: {len(value)} characters, over the {MAX_LEARNER_CHARS} of an e-mail address"
        )
    for position, char in enumerate(value, start=1):
        if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
            raise LearnerIdError(
                f"{where}: control character U+{ord(char):04X} at position {position}"
            )
    # E-mail addresses are compared case-insensitively in practice (providers and proxies
    # disagree on case): ana@x.org and Ana@X.org are one learner. Other ids keep their case.
    return value.lower() if "@" in value else value


def learner_from_header(values: Sequence[str], header: str) -> str:
    """The learner a trusted proxy named in `header` (all values the request carried).

    Raises LearnerIdError when there is none, more than one, or an unusable one.
    """
    present = [value for value in values if value.strip()]
    if not present:
        raise LearnerIdError(f"the request has no {header} header")
    if len({value.strip() for value in present}) > 1:
        raise LearnerIdError(
            f"the request has {len(present)} different {header} headers: the proxy must set "
            "exactly one (and drop any the client sent)"
        )
    return normalise_learner(present[0], where=f"the {header} header")


def learner_from_oidc(user: Mapping[str, object]) -> str | None:
    """The learner of a signed-in `st.user` (a mapping), or None when nobody is signed in.

    Raises LearnerIdError when the sign-in carries no usable e-mail address.
    """
    if user.get("is_logged_in") is not True:
        return None
    if user.get("email_verified") is False:
        raise LearnerIdError("the identity provider says your e-mail address is not verified")
    email = user.get("email")
    if email is None:
        raise LearnerIdError(
            "the identity provider did not share your e-mail address (scope 'email')"
        )
    return normalise_learner(email, where="the e-mail address of your sign-in")


def forged_headers(headers: Mapping[str, str], config: HostingConfig) -> list[str]:
    """Common identity headers the request carries although they are not trusted here."""
    if config.identity == HEADER:
        return []
    return [name for name in COMMON_IDENTITY_HEADERS if name in headers]
