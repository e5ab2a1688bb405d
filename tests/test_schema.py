"""The CSV/schema checker behind "bring your own data": each bad file gets its own message."""

from __future__ import annotations

import importlib
import types

import pandas as pd
import pytest

from projects.schema import (
    SchemaError,
    check_project_csv,
    load_project_data,
    nullable_columns,
    read_checked_csv,
)

SCHEMA = {"id": "int", "score": "float", "name": "str", "day": "date", "label": "int"}
GOOD = (
    b"id,score,name,day,label,extra\n"
    b"1,0.5,Ana,2018-06-23,0,x\n"
    b"2.0,,Luis,2019-01-02,1,y\n"
    b"3,7,Mar\xc3\xada,2019-02-03,0,z\n"
)


def check(raw: bytes, **kwargs) -> pd.DataFrame:
    return read_checked_csv(raw, SCHEMA, name="mine.csv", max_bytes=10_000, **kwargs)


def error_of(raw: bytes, **kwargs) -> str:
    with pytest.raises(SchemaError) as caught:
        check(raw, **kwargs)
    return str(caught.value)


def test_valid_file_passes_with_schema_types_and_extra_columns():
    frame = check(GOOD)
    assert list(frame.columns) == ["id", "score", "name", "day", "label", "extra"]
    assert frame["id"].tolist() == [1, 2, 3]  # "2.0" accepted as the integer 2
    assert str(frame["id"].dtype) == "int64"
    assert frame["score"].isna().tolist() == [False, True, False]
    assert frame["name"].tolist() == ["Ana", "Luis", "María"]
    assert pd.api.types.is_datetime64_any_dtype(frame["day"])
    assert frame["day"].iloc[0] == pd.Timestamp("2018-06-23")


def test_valid_file_from_a_path(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_bytes(GOOD)
    assert len(read_checked_csv(path, SCHEMA, name="mine.csv", max_bytes=10_000)) == 3


def test_empty_file():
    assert error_of(b"") == "mine.csv is empty."
    assert error_of(b"  \n\n") == "mine.csv is empty."


def test_header_without_rows():
    assert "has a header but no data rows" in error_of(b"id,score,name,day,label\n")


def test_file_over_the_size_limit_says_the_limit():
    message = error_of(GOOD * 200)
    assert message.startswith("mine.csv is ")
    assert "the limit is 10 KB" in message


def test_size_limit_checked_before_reading_a_path(tmp_path):
    path = tmp_path / "big.csv"
    path.write_bytes(GOOD * 200)
    with pytest.raises(SchemaError, match="limit is 100 bytes"):
        read_checked_csv(path, SCHEMA, name="big.csv", max_bytes=100)


def test_missing_columns_listed_by_name():
    message = error_of(b"id,name,label\n1,a,0\n")
    assert "missing 2 required column(s): 'score', 'day'" in message
    assert "Columns found: 'id', 'name', 'label'" in message


def test_case_mismatch_gets_a_hint():
    message = error_of(b"ID,score,name,day,label\n1,0.5,a,2018-01-01,0\n")
    assert "'id'" in message and "'ID' looks like 'id'" in message


def test_semicolon_separated_file_gets_a_hint():
    message = error_of(b"id;score;name;day;label\n1;0.5;a;2018-01-01;0\n")
    assert "another separator" in message


def test_wrong_type_names_column_row_and_example_value():
    raw = (
        b"id,score,name,day,label\n1,0.5,a,2018-01-01,0\n"
        b"2,abc,b,2018-01-01,1\n3,xyz,c,2018-01-01,0\n"
    )
    message = error_of(raw)
    assert "column 'score' should contain numbers" in message
    assert "row 2 (line 3 of the file) has 'abc'" in message
    assert "2 bad values in total" in message


def test_fractional_value_in_an_int_column():
    message = error_of(b"id,score,name,day,label\n1.5,0.5,a,2018-01-01,0\n")
    assert "column 'id' should contain whole numbers" in message and "'1.5'" in message


def test_bad_date():
    message = error_of(b"id,score,name,day,label\n1,0.5,a,not a date,0\n")
    assert "column 'day' should contain dates" in message and "'not a date'" in message


def test_every_type_problem_is_reported_at_once():
    error = pytest.raises(SchemaError, check, b"id,score,name,day,label\nx,y,a,z,0\n").value
    assert len(error.problems) == 3
    assert {p.split("'")[1] for p in error.problems} == {"id", "score", "day"}


def test_missing_values_only_where_allowed():
    raw = b"id,score,name,day,label\n1,0.5,a,2018-01-01,\n2,,b,2018-01-01,1\n"
    assert len(check(raw, nullable={"score", "label"})) == 2  # label allowed here...
    message = error_of(raw, nullable={"score", "label"}, required={"label"})
    assert "column 'label' must not have missing values" in message and "row 1" in message
    message = error_of(raw, nullable={"label"})
    assert "column 'score' must not have missing values" in message and "row 2" in message


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"PK\x03\x04\x14\x00rest-of-an-xlsx", "it looks like a ZIP archive"),
        (b"%PDF-1.7\n...", "it looks like a PDF document"),
        (b"\x89PNG\r\n\x1a\n....", "it looks like a PNG image"),
        (b"id,score\x00\x01\x02\x03", "it contains binary data"),
    ],
)
def test_binary_files_are_not_csv(raw, expected):
    message = error_of(raw)
    assert message.startswith("mine.csv is not a CSV file")
    assert expected in message


def test_undecodable_text_says_the_line():
    message = error_of(b"id,score,name,day,label\n1,0.5,\x81\x8d,2018-01-01,0\n")
    assert "not UTF-8 or Windows-1252 text" in message and "line 2" in message


def test_windows_1252_file_is_read():
    raw = b"id,score,name,day,label\n1,0.5,Mar\xeda,2018-01-01,0\n"
    assert check(raw)["name"].iloc[0] == "María"


def test_broken_quoting_is_not_a_valid_csv():
    message = error_of(b'id,score,name,day,label\n1,0.5,"unclosed,2018-01-01,0\n')
    assert message.startswith("mine.csv is not a valid CSV file")


def _fake_data_module(env_var: str) -> types.ModuleType:
    module = types.ModuleType("fake_data")
    module.SCHEMA = {"a": "int", "b": "float", "y": "int"}
    module.TARGET = "y"
    module.ENV_VAR = env_var
    module.REAL_CSV_NAME = "fake.csv"

    def generate(n_rows: int = 100, seed: int = 42) -> pd.DataFrame:
        b = [float(i) if i % 3 else float("nan") for i in range(n_rows)]
        return pd.DataFrame({"a": range(n_rows), "b": b, "y": [i % 2 for i in range(n_rows)]})

    module.generate = generate
    return module


def test_load_project_data_unset_env_var_is_synthetic(monkeypatch):
    monkeypatch.delenv("FAKE_CSV", raising=False)
    assert load_project_data(_fake_data_module("FAKE_CSV")) is None


def test_load_project_data_reads_and_checks_the_env_file(tmp_path, monkeypatch):
    module = _fake_data_module("FAKE_CSV")
    path = tmp_path / "fake.csv"
    path.write_text("a,b,y\n1,,0\n2,2.5,1\n")
    monkeypatch.setenv("FAKE_CSV", str(path))
    frame = load_project_data(module)
    assert frame["a"].tolist() == [1, 2] and frame["b"].isna().sum() == 1
    # NaN is allowed in b because the generator (like the real data) has NaN there...
    assert nullable_columns(module) == frozenset({"b"})
    path.write_text("a,b,y\n,2.0,0\n")  # ...but not in a
    with pytest.raises(SchemaError, match=r"fake\.csv \(\$FAKE_CSV\): column 'a' must not"):
        load_project_data(module)


def test_load_project_data_missing_file(monkeypatch, tmp_path):
    monkeypatch.setenv("FAKE_CSV", str(tmp_path / "nope.csv"))
    with pytest.raises(SchemaError, match=r"\$FAKE_CSV points to .*nope\.csv.*does not exist"):
        load_project_data(_fake_data_module("FAKE_CSV"))


def _project_data_modules() -> list[str]:
    names = []
    for project in ("bankchurn", "carvision", "telecomai"):
        try:
            importlib.import_module(f"projects.{project}.data")
        except ModuleNotFoundError:
            continue
        names.append(f"projects.{project}.data")
    return names


@pytest.mark.parametrize("module_name", _project_data_modules())
def test_generated_data_round_trips_through_the_checker(module_name):
    """The embedded generator's CSV passes its own project's schema (same as the real file)."""
    module = importlib.import_module(module_name)
    generated = module.generate(n_rows=400, seed=3)
    assert list(generated.columns)[: len(module.SCHEMA)] == list(module.SCHEMA)
    raw = generated.to_csv(index=False).encode()
    frame = check_project_csv(raw, module, name=module.REAL_CSV_NAME)
    assert frame.shape == generated.shape
    broken = generated.drop(columns=[module.TARGET]).to_csv(index=False).encode()
    with pytest.raises(SchemaError, match=f"'{module.TARGET}'"):
        check_project_csv(broken, module, name=module.REAL_CSV_NAME)


def test_size_message_shows_exact_bytes_when_the_rounded_sizes_look_equal():
    limit = 50 * 1024 * 1024
    with pytest.raises(SchemaError) as caught:
        read_checked_csv(b"x" * (limit + 10), SCHEMA, name="big.csv", max_bytes=limit)
    assert str(caught.value) == "big.csv is 52,428,810 bytes; the limit is 52,428,800 bytes."


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_detected_and_read(encoding):
    text = "id,score,name,day,label\n1,0.5,José,2024-01-02,1\n2,1.5,b,2024-01-03,0\n"
    frame = read_checked_csv(text.encode(encoding), SCHEMA, name="mine.csv", max_bytes=10_000)
    assert frame["name"].tolist() == ["José", "b"] and len(frame) == 2


def test_truncated_bomless_utf16_says_so():
    raw = "id,score\n1,2\n".encode("utf-16-le")[:-1] + b"\x00\xd8"  # a lone surrogate half
    message = error_of(raw)
    assert "UTF-16" in message and "byte-order mark" in message
