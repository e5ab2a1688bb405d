"""Hosted mode's logic: configuration, learner ids, the read-only store, learner-aware imports."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulacro import hosting
from simulacro.hosting import (
    HostingConfig,
    HostingConfigError,
    LearnerIdError,
    learner_from_header,
    learner_from_oidc,
    load_config,
    normalise_learner,
    read_config,
)
from simulacro.progress_io import ProgressImportError, export_json, import_progress
from simulacro.store import ProgressStore
from simulacro.store_factory import StoreUnavailable
from simulacro.store_readonly import ReadOnlyStore

HEADER_ENV = {
    "SIMULACRO_HOSTED": "1",
    "SIMULACRO_IDENTITY": "header",
    "SIMULACRO_IDENTITY_HEADER": "X-Forwarded-Email",
}


# ------------------------------------------------------------------------- configuration
def test_off_by_default():
    assert read_config({}) == HostingConfig()
    assert read_config({}).local
    assert read_config({"SIMULACRO_DATABASE_URL": "  "}).local  # blank: unset
    for value in ("0", "false", "No", " off ", ""):
        assert read_config({"SIMULACRO_HOSTED": value}).local


def test_hosted_defaults_to_oidc():
    config = read_config({"SIMULACRO_HOSTED": "yes"})
    assert config == HostingConfig(hosted=True, identity="oidc")


def test_header_identity_needs_its_header_name():
    assert read_config(HEADER_ENV) == HostingConfig(
        hosted=True, identity="header", header="X-Forwarded-Email"
    )
    with pytest.raises(HostingConfigError, match="needs SIMULACRO_IDENTITY_HEADER"):
        read_config({"SIMULACRO_HOSTED": "1", "SIMULACRO_IDENTITY": "header"})


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SIMULACRO_HOSTED": "maybe"}, "SIMULACRO_HOSTED='maybe' is not a yes/no value"),
        ({"SIMULACRO_HOSTED": "1", "SIMULACRO_IDENTITY": "ldap"}, "'ldap' is not one of"),
        ({"SIMULACRO_IDENTITY": "header"}, "SIMULACRO_IDENTITY is set but SIMULACRO_HOSTED"),
        ({"SIMULACRO_IDENTITY_HEADER": "X-Forwarded-Email"}, "set but SIMULACRO_HOSTED is not"),
        (
            {"SIMULACRO_DATABASE_URL": "postgresql://db/simulacro"},
            "SIMULACRO_DATABASE_URL is set but SIMULACRO_HOSTED is not",
        ),
        (
            {"SIMULACRO_HOSTED": "1", "SIMULACRO_IDENTITY_HEADER": "X-Forwarded-Email"},
            "only trusted with SIMULACRO_IDENTITY=header",
        ),
        ({**HEADER_ENV, "SIMULACRO_IDENTITY_HEADER": "X Email"}, "is not a header name"),
        ({**HEADER_ENV, "SIMULACRO_IDENTITY_HEADER": "X-" + "a" * 80}, "is not a header name"),
    ],
)
def test_invalid_combinations_say_what_to_fix(env, message):
    with pytest.raises(HostingConfigError, match=re.escape(message)):
        read_config(env)


def test_an_invalid_configuration_fails_closed_with_its_message():
    config = load_config({"SIMULACRO_IDENTITY": "header"})
    assert config.hosted and config.identity is None and config.header is None
    assert config.error.startswith("Configuration error: SIMULACRO_IDENTITY is set")


def test_load_config_reads_the_process_environment(monkeypatch):
    for name, value in HEADER_ENV.items():
        monkeypatch.setenv(name, value)
    assert load_config().header == "X-Forwarded-Email"


# ------------------------------------------------------------------------------ learners
def test_learner_ids_are_trimmed_and_emails_lower_case():
    assert normalise_learner("  Ana@Example.ORG \t") == "ana@example.org"
    assert normalise_learner("Ana") == "Ana"  # not an address: case kept
    assert normalise_learner("jose\u0301@x.org") == "jos\u00e9@x.org"  # NFC: one learner


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("a" * 255, "255 characters, over the 254"),
        ("ana@x.org\nbob@x.org", "control character U+000A at position 10"),
        ("ana\u200b@x.org", "control character U+200B at position 4"),
        ("ana\x00", "control character U+0000"),
        (42, "expected text, found int"),
    ],
)
def test_unusable_learner_ids_are_refused(raw, message):
    with pytest.raises(LearnerIdError, match=re.escape(message)):
        normalise_learner(raw)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_normalising_is_idempotent_or_refuses(raw):
    try:
        once = normalise_learner(raw)
    except LearnerIdError:
        return
    assert normalise_learner(once) == once
    assert 0 < len(once) <= hosting.MAX_LEARNER_CHARS


def test_the_header_names_exactly_one_learner():
    assert learner_from_header(["Ana@X.org"], "X-Forwarded-Email") == "ana@x.org"
    assert learner_from_header(["ana@x.org", "ana@x.org"], "X-Forwarded-Email") == "ana@x.org"
    with pytest.raises(LearnerIdError, match="no X-Forwarded-Email header"):
        learner_from_header([], "X-Forwarded-Email")
    with pytest.raises(LearnerIdError, match="no X-Forwarded-Email header"):
        learner_from_header(["  "], "X-Forwarded-Email")
    with pytest.raises(LearnerIdError, match="2 different X-Forwarded-Email headers"):
        learner_from_header(["ana@x.org", "bob@x.org"], "X-Forwarded-Email")


def test_oidc_needs_a_signed_in_user_with_a_verified_email():
    assert learner_from_oidc({}) is None
    assert learner_from_oidc({"email": "test@example.com"}) is None  # no is_logged_in
    assert learner_from_oidc({"is_logged_in": False, "email": "a@x.org"}) is None
    assert learner_from_oidc({"is_logged_in": True, "email": "Ana@X.org"}) == "ana@x.org"
    with pytest.raises(LearnerIdError, match="not verified"):
        learner_from_oidc({"is_logged_in": True, "email": "a@x.org", "email_verified": False})
    with pytest.raises(LearnerIdError, match="did not share your e-mail"):
        learner_from_oidc({"is_logged_in": True, "sub": "123"})


def test_identity_headers_are_reported_as_forged_unless_trusted():
    headers = {"X-Forwarded-Email": "ana@x.org", "Accept": "*/*"}
    oidc = read_config({"SIMULACRO_HOSTED": "1"})
    assert hosting.forged_headers(headers, oidc) == ["X-Forwarded-Email"]
    assert hosting.forged_headers(headers, read_config(HEADER_ENV)) == []


# --------------------------------------------------------------------- read-only store
def test_the_read_only_store_reads_empty_and_refuses_every_write():
    store = ReadOnlyStore("Not saved: you are not signed in.")
    assert store.cards() == {} and store.bookmarks() == [] and store.notes() == {}
    assert store.review_count() == 0 and store.mock_sessions() == []
    assert store.warning is None and store.in_memory_only
    writes = [
        lambda: store.record_review(1, "good", 3.0),
        lambda: store.set_bookmark(1, True),
        lambda: store.set_note(1, "x"),
        lambda: store.save_mock_session({}),
        lambda: store.reset(),
        lambda: store.replace_all({}),
        lambda: store.some_write_added_later(1),
    ]
    for write in writes:
        with pytest.raises(StoreUnavailable, match="not signed in"):
            write()
    assert store.cards() == {} and store.bookmarks() == []


def test_an_import_into_a_read_only_store_writes_nothing():
    source = ProgressStore.in_memory()
    source.set_bookmark(7, True)
    with pytest.raises(StoreUnavailable):
        import_progress(ReadOnlyStore("refused"), export_json(source))


# ------------------------------------------------------------------- learner in exports
def _store_with_a_bookmark() -> ProgressStore:
    store = ProgressStore.in_memory()
    store.set_bookmark(12, True)
    return store


def test_local_export_has_no_learner_field():
    document = json.loads(export_json(_store_with_a_bookmark()))
    assert "learner" not in document
    assert list(document)[:3] == ["format", "schema_version", "exported_at"]


def test_hosted_export_names_its_learner_and_goes_back_to_them():
    text = export_json(_store_with_a_bookmark(), learner="ana@x.org")
    assert json.loads(text)["learner"] == "ana@x.org"
    target = ProgressStore.in_memory()
    import_progress(target, text, learner="ANA@x.org")
    assert target.bookmarks() == [12]
    local = ProgressStore.in_memory()  # the learner takes it home to the local app
    import_progress(local, text)
    assert local.bookmarks() == [12]


def test_an_import_naming_another_learner_is_refused_and_writes_nothing():
    text = export_json(_store_with_a_bookmark(), learner="ana@x.org")
    bob = ProgressStore.in_memory()
    bob.set_note(3, "bob's own")
    with pytest.raises(ProgressImportError) as caught:
        import_progress(bob, text, learner="bob@x.org")
    assert caught.value.errors == [
        "learner: this file is the progress of 'ana@x.org', and you are signed in as "
        "'bob@x.org'; an import only ever goes into your own progress"
    ]
    assert "nothing was imported" in str(caught.value)
    assert bob.bookmarks() == [] and bob.notes() == {3: "bob's own"}


def test_an_export_without_a_learner_imports_into_any_learner():
    text = export_json(_store_with_a_bookmark())
    bob = ProgressStore.in_memory()
    import_progress(bob, text, learner="bob@x.org")
    assert bob.bookmarks() == [12]


@pytest.mark.parametrize(
    ("value", "message"),
    [("", "learner: empty"), (5, "learner: expected text"), ("a\nb", "control character")],
)
def test_an_invalid_learner_field_is_reported(value, message):
    document = json.loads(export_json(_store_with_a_bookmark()))
    document["learner"] = value
    with pytest.raises(ProgressImportError, match=message):
        import_progress(ProgressStore.in_memory(), json.dumps(document))


# ------------------------------------------------------------------ command line
def test_cli_exports_and_imports_one_learners_progress(tmp_path, isolated_data_dir, capsys):
    from simulacro import progress_cli
    from simulacro.decks import BUILT_IN
    from simulacro.store_factory import open_progress_store

    def store(learner):
        return open_progress_store(isolated_data_dir, deck=BUILT_IN, learner=learner)

    store("ana@x.org").set_bookmark(5, True)
    out = tmp_path / "ana.json"
    assert progress_cli.export_main([str(out), "--learner", " Ana@X.org "]) == 0
    assert json.loads(out.read_text())["learner"] == "ana@x.org"
    assert json.loads(out.read_text())["bookmarks"][0]["number"] == 5

    store("bob@x.org").set_note(2, "bob's")
    assert progress_cli.import_main([str(out), "--learner", "bob@x.org"]) == 1
    assert "this file is the progress of 'ana@x.org'" in capsys.readouterr().err
    assert store("bob@x.org").notes() == {2: "bob's"} and store("bob@x.org").bookmarks() == []

    assert progress_cli.import_main([str(out), "--learner", "ana@x.org"]) == 0
    assert progress_cli.import_main([str(out)]) == 0  # into the local store: allowed
    assert ProgressStore.open().bookmarks() == [5]

    assert progress_cli.export_main([str(out), "--learner", "a\nb"]) == 1
    assert "--learner: control character U+000A" in capsys.readouterr().err
    local = tmp_path / "local.json"
    assert progress_cli.export_main([str(local)]) == 0
    assert "learner" not in json.loads(local.read_text())
