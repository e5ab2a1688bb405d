"""Strings of hosted mode: who is signed in, and why a visitor's work is not saved."""

SIDEBAR_CAPTION_HOSTED = "Shared study app · your progress is private to your sign-in"
SIGNED_IN_AS = "Signed in as **{learner}**"
SIGN_IN = "Sign in"
SIGN_OUT = "Sign out"
SIGN_IN_FAILED = "Sign-in is not available: {error}"
NOT_SIGNED_IN_OIDC = (
    "You are not signed in. You can browse the questions and run the demos, but nothing you "
    "do is saved (ratings, bookmarks, notes, mock interviews, imports): sign in to keep your "
    "own progress."
)
NOT_IDENTIFIED_HEADER = (
    "The sign-in proxy did not identify you ({problem}). You can browse the questions and run "
    "the demos, but nothing you do is saved (ratings, bookmarks, notes, mock interviews, "
    "imports). Open the app through your group's sign-in link."
)
SIGN_IN_PROBLEM = (
    "Your sign-in cannot be used ({problem}). You can browse and run the demos, but nothing "
    "you do is saved."
)
CONFIG_ERROR = (
    "{error} Until whoever runs this deployment fixes it, nobody is signed in and nothing is "
    "saved; browsing and the demos work."
)
FORGED_HEADER = (
    "The request carries {headers}, but this deployment does not trust identity headers: ignored."
)
READ_ONLY = "Not saved: you are not signed in."
READ_ONLY_HEADER = "Not saved: the sign-in proxy did not identify you."
READ_ONLY_CONFIG = "Not saved: this deployment's sign-in is misconfigured."
LEARNER_CHANGED = "The signed-in learner changed: this session started afresh."
