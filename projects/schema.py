"""Check a user's CSV against a project's schema ("bring your own data"), without Streamlit.

`read_checked_csv` turns any file into either a DataFrame with the schema's types or a
`SchemaError` whose message says what is wrong and where (file, column, row), so the UI
can show it as is. `load_project_data` reads the CSV an environment variable points to.
"""

from __future__ import annotations

import csv
import importlib
import io
import os
from collections.abc import Collection, Mapping
from pathlib import Path
from types import ModuleType

import numpy as np
import pandas as pd

DEFAULT_MAX_BYTES = 50 * 1024 * 1024  # same as server.maxUploadSize; the real files are < 10 MB
KNOWN_TYPES = ("int", "float", "str", "date")
# Spellings of a missing value accepted in numeric/date columns (pandas writes "nan"/"" ).
_MISSING_TOKENS = {"", "nan", "NaN", "NAN", "NA", "N/A", "null", "NULL", "None"}
# Magic numbers of files people upload by mistake instead of a CSV.
_MAGIC = {
    b"PK\x03\x04": "a ZIP archive (an .xlsx workbook or a .zip file)",
    b"\xd0\xcf\x11\xe0": "an old Excel/Office document (.xls)",
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"\x1f\x8b": "a gzip-compressed file (decompress it first)",
    b"PAR1": "a Parquet file",
    b"SQLite format 3": "an SQLite database",
}


class SchemaError(ValueError):
    """A file that cannot be used; `problems` lists every issue, `str()` joins them."""

    def __init__(self, problems: str | list[str]):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__("\n".join(self.problems))


def _size_text(n_bytes: int) -> str:
    if n_bytes >= 1024 * 1024:
        return f"{n_bytes / (1024 * 1024):.1f} MB"
    if n_bytes >= 1024:
        return f"{n_bytes / 1024:.0f} KB"
    return f"{n_bytes} bytes"


def _too_big(name: str, size: int, limit: int) -> SchemaError:
    """'x is 52.4 MB; the limit is 50.0 MB' — with exact bytes when the rounded sizes read
    the same ('50.0 MB; the limit is 50.0 MB' told the user nothing)."""
    shown, shown_limit = _size_text(size), _size_text(limit)
    if shown == shown_limit:
        shown = f"{size:,} bytes"
        shown_limit = f"{limit:,} bytes"
    return SchemaError(f"{name} is {shown}; the limit is {shown_limit}.")


def _read_bytes(raw: bytes | str | Path, name: str, max_bytes: int) -> bytes:
    if isinstance(raw, bytes | bytearray | memoryview):
        data = bytes(raw)
    else:
        path = Path(raw)
        if not path.exists():
            raise SchemaError(f"{name}: file {str(path)!r} does not exist.")
        if not path.is_file():
            raise SchemaError(f"{name}: {str(path)!r} is not a file.")
        size = path.stat().st_size  # check before reading a huge file into memory
        if size > max_bytes:
            raise _too_big(name, size, max_bytes)
        data = path.read_bytes()
    if len(data) > max_bytes:
        raise _too_big(name, len(data), max_bytes)
    if not data.strip():
        raise SchemaError(f"{name} is empty.")
    return data


def _bomless_utf16(head: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when the NUL bytes are the zero halves of ASCII text (every
    other byte NUL, the rest printable), as a BOM-less UTF-16 export looks; else None."""
    sample = head[: len(head) - len(head) % 2]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, text, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= 0.9 * len(zeros) and all(
            32 <= byte < 127 or byte >= 160 or byte in (9, 10, 13) for byte in text if byte
        ):
            return encoding
    return None


def _decode(data: bytes, name: str) -> str:
    head = data[:8192]
    for magic, what in _MAGIC.items():
        if head.startswith(magic):
            raise SchemaError(f"{name} is not a CSV file: it looks like {what}.")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise SchemaError(f"{name} is not readable UTF-16 text: {error.reason}.") from None
    if b"\x00" in head:
        encoding = _bomless_utf16(head)
        if encoding is None:
            raise SchemaError(f"{name} is not a CSV file: it contains binary data (NUL bytes).")
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as error:
            raise SchemaError(
                f"{name} looks like UTF-16 text without a byte-order mark ({encoding}) but "
                f"is not readable as such: {error.reason}. Save it as UTF-8."
            ) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        utf8_error = error
    try:
        return data.decode("cp1252")  # Excel's "CSV" on Windows
    except UnicodeDecodeError:
        line = data[: utf8_error.start].count(b"\n") + 1
        raise SchemaError(
            f"{name} is not UTF-8 or Windows-1252 text: undecodable byte "
            f"0x{data[utf8_error.start]:02x} on line {line}."
        ) from None


def _parse(text: str, name: str) -> pd.DataFrame:
    try:
        # Everything as text first: the type checks below find the first bad value and its row.
        frame = pd.read_csv(
            io.StringIO(text), dtype=str, keep_default_na=False, na_values=[""], low_memory=False
        )
    except pd.errors.EmptyDataError:
        raise SchemaError(f"{name} is empty (no header line).") from None
    except (pd.errors.ParserError, csv.Error, UnicodeError) as error:
        detail = str(error).strip().splitlines()[-1] if str(error).strip() else type(error)
        raise SchemaError(f"{name} is not a valid CSV file: {detail}") from None
    frame.columns = [str(column).strip() for column in frame.columns]
    return frame


def _first_bad(frame: pd.DataFrame, column: str, bad: pd.Series, name: str, expected: str) -> str:
    positions = np.flatnonzero(bad.to_numpy())
    first = int(positions[0])
    value = frame[column].iloc[first]
    shown = value if len(str(value)) <= 40 else str(value)[:37] + "..."
    more = f" ({len(positions):,} bad values in total)" if len(positions) > 1 else ""
    # Row 1 is the first data row, i.e. line 2 of the file (line 1 is the header).
    return (
        f"{name}: column '{column}' should contain {expected}, but row {first + 1} "
        f"(line {first + 2} of the file) has {shown!r}{more}."
    )


def _convert(
    frame: pd.DataFrame,
    schema: Mapping[str, str],
    name: str,
    nullable: Collection[str] | None,
    required: Collection[str],
) -> tuple[pd.DataFrame, list[str]]:
    problems: list[str] = []
    out = frame.copy()
    for column, kind in schema.items():
        if kind not in KNOWN_TYPES:
            raise ValueError(f"schema type {kind!r} of {column!r} is not one of {KNOWN_TYPES}")
        text = frame[column]
        if kind == "str":
            missing = text.isna()
        else:
            stripped = text.str.strip()
            missing = text.isna() | stripped.isin(_MISSING_TOKENS)
            if kind == "date":
                source = stripped.where(~missing)
                values = pd.to_datetime(source, errors="coerce", format="ISO8601")
                retry = values.isna() & ~missing
                if retry.any():  # other spellings (e.g. 6/23/2018), parsed one by one
                    values[retry] = pd.to_datetime(source[retry], errors="coerce", format="mixed")
                bad = values.isna() & ~missing
                expected = "dates (e.g. 2018-06-23)"
            else:
                values = pd.to_numeric(stripped.where(~missing), errors="coerce")
                values = values.where(np.isfinite(values))  # 1e999 -> inf is not a number here
                bad = values.isna() & ~missing
                expected = "numbers"
                if kind == "int":
                    # 3.0 is fine (pandas writes ints with NaN as floats); 3.5 is not.
                    fractional = ~bad & ~missing & (values != np.round(values))
                    bad = bad | fractional
                    expected = "whole numbers"
                    if not missing.any() and not bad.any():
                        values = values.astype("int64")
                else:
                    values = values.astype("float64")
            if bad.any():
                problems.append(_first_bad(frame, column, bad, name, expected))
                continue
            out[column] = values
        may_be_missing = column not in required and (nullable is None or column in nullable)
        if missing.any() and not may_be_missing:
            first = int(np.flatnonzero(missing.to_numpy())[0])
            problems.append(
                f"{name}: column '{column}' must not have missing values, but row {first + 1} "
                f"(line {first + 2} of the file) is empty ({int(missing.sum()):,} missing)."
            )
    return out, problems


def read_checked_csv(
    raw: bytes | str | Path,
    schema: Mapping[str, str],
    *,
    name: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    nullable: Collection[str] | None = None,
    required: Collection[str] = (),
) -> pd.DataFrame:
    """Read a CSV (bytes or a path) and check it against `schema` (column -> type).

    Types: "int" (3 or 3.0), "float", "str", "date". Extra columns are kept. Missing values
    are allowed in the columns of `nullable` (None = every column) except those in
    `required`. Raises `SchemaError` listing every problem, each naming `name`, the column
    and the row of the first bad value.
    """
    data = _read_bytes(raw, name, max_bytes)
    text = _decode(data, name)
    frame = _parse(text, name)
    missing = [column for column in schema if column not in frame.columns]
    if missing:
        lowered = {column.lower(): column for column in frame.columns}
        hints = [
            f"'{lowered[column.lower()]}' looks like '{column}' (names are case-sensitive)"
            for column in missing
            if column.lower() in lowered
        ]
        found = ", ".join(f"'{c}'" for c in frame.columns[:20])
        message = (
            f"{name} is missing {len(missing)} required column(s): "
            + ", ".join(f"'{c}'" for c in missing)
            + f". Columns found: {found}{' …' if len(frame.columns) > 20 else ''}."
        )
        if len(frame.columns) == 1 and any(sep in frame.columns[0] for sep in ";\t|"):
            message += " The file seems to use another separator; save it comma-separated."
        if hints:
            message += " Hint: " + "; ".join(hints) + "."
        raise SchemaError(message)
    if frame.empty:
        raise SchemaError(f"{name} has a header but no data rows.")
    out, problems = _convert(frame, schema, name, nullable, required)
    if problems:
        raise SchemaError(problems)
    return out.reset_index(drop=True)


def _data_module(project_module: ModuleType | str) -> ModuleType:
    """Accept `projects.<p>.data`, the package `projects.<p>`, or their dotted names."""
    module = (
        importlib.import_module(project_module)
        if isinstance(project_module, str)
        else project_module
    )
    if hasattr(module, "SCHEMA"):
        return module
    return importlib.import_module(f"{module.__name__}.data")


def nullable_columns(project_module: ModuleType | str) -> frozenset[str] | None:
    """Columns that may have missing values: `NULLABLE` if the data module defines it, else
    the columns where the project's generator (which mimics the real data) produces NaN."""
    module = _data_module(project_module)
    declared = getattr(module, "NULLABLE", None)
    if declared is not None:
        return frozenset(declared)
    generate = getattr(module, "generate", None)
    if generate is None:
        return None
    try:
        sample = generate(n_rows=2000, seed=0)
    except Exception:  # a broken generator must not block loading a real file
        return None
    return frozenset(str(c) for c in sample.columns[sample.isna().any().to_numpy()])


def check_project_csv(
    raw: bytes | str | Path,
    project_module: ModuleType | str,
    *,
    name: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> pd.DataFrame:
    """`read_checked_csv` with the project's SCHEMA, its target required, NaN where the real
    data has NaN."""
    module = _data_module(project_module)
    target = getattr(module, "TARGET", None)
    return read_checked_csv(
        raw,
        module.SCHEMA,
        name=name,
        max_bytes=max_bytes,
        nullable=nullable_columns(module),
        required=(target,) if target else (),
    )


def load_project_data(
    project_module: ModuleType | str, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> pd.DataFrame | None:
    """The checked CSV the project's ENV_VAR points to, or None when the variable is unset.

    Raises `SchemaError` when it is set but the file is missing or does not fit the schema.
    """
    module = _data_module(project_module)
    env_var = module.ENV_VAR
    path = os.environ.get(env_var, "").strip()
    if not path:
        return None
    if not Path(path).exists():
        raise SchemaError(f"${env_var} points to {path!r}, which does not exist.")
    name = f"{Path(path).name} (${env_var})"
    return check_project_csv(path, module, name=name, max_bytes=max_bytes)
