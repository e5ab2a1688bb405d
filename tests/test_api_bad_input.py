"""Every malformed request gets the right 4xx naming the field, never a 500 (issue 11)."""

from __future__ import annotations

import json

import pytest
from api_helpers import customer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from projects.bankchurn.api import ApiSettings
from projects.bankchurn.api.client import in_process_client
from projects.bankchurn.api.schemas import CustomerData

FIELDS = list(CustomerData.model_fields)
TEN_MB = 10 * 1024 * 1024


@pytest.fixture(scope="module")
def client():
    with in_process_client(ApiSettings(max_batch_size=50)) as test_client:
        yield test_client


def fields_of(response) -> list[str]:
    return [error["field"] for error in response.json()["detail"]]


WRONG_TYPES = [
    ("CreditScore", "700"),  # a numeric string is not a number (strict)
    ("CreditScore", 700.5),
    ("Age", True),  # a boolean is not an age
    ("Age", None),
    ("Age", [42]),
    ("Tenure", {"years": 2}),
    ("Balance", "lots"),
    ("Balance", False),
    ("NumOfProducts", 1.5),
    ("HasCrCard", True),
    ("IsActiveMember", "yes"),
    ("EstimatedSalary", None),
    ("Geography", 1),
    ("Gender", None),
]


@pytest.mark.parametrize(("field", "value"), WRONG_TYPES)
def test_wrong_type_is_422_naming_the_field(client, field, value):
    response = client.post("/v1/predict", json=customer(**{field: value}))
    assert response.status_code == 422
    assert fields_of(response) == [field]


@pytest.mark.parametrize("field", FIELDS)
def test_missing_field_is_422_naming_it(client, field):
    body = customer()
    del body[field]
    response = client.post("/v1/predict", json=body)
    assert response.status_code == 422
    assert response.json()["detail"] == [
        {"field": field, "msg": "Field required", "type": "missing"}
    ]


OUT_OF_RANGE = [
    ("CreditScore", 299),
    ("CreditScore", 851),
    ("Age", 17),
    ("Age", 101),
    ("Age", -5),
    ("Tenure", -1),
    ("Tenure", 11),
    ("Balance", -0.01),
    ("Balance", 1e12),
    ("NumOfProducts", 0),
    ("NumOfProducts", 5),
    ("HasCrCard", 2),
    ("IsActiveMember", -1),
    ("EstimatedSalary", -1.0),
    ("Geography", "Italy"),  # the encoder would silently score it as "no country"
    ("Geography", "france"),
    ("Gender", "Other"),
]


@pytest.mark.parametrize(("field", "value"), OUT_OF_RANGE)
def test_out_of_range_or_unknown_value_is_422_naming_the_field(client, field, value):
    response = client.post("/v1/predict", json=customer(**{field: value}))
    assert response.status_code == 422
    assert fields_of(response) == [field]


def test_several_problems_are_all_reported(client):
    body = customer(Age=7, Geography="Mars")
    del body["Tenure"]
    body["age"] = 40  # a typo of the integrator: reported, not ignored
    response = client.post("/v1/predict", json=body)
    assert response.status_code == 422
    assert sorted(fields_of(response)) == ["Age", "Geography", "Tenure", "age"]


@pytest.mark.parametrize(
    "raw",
    [
        b"not json",
        b"",
        b'{"CreditScore": 619, "Geography": ',  # truncated
        b"[1, 2, 3]",
        b"42",
        b"null",
        b'"a string"',
        b'{"CreditScore": NaN}',
        b"\xff\xfe\x00garbage",
    ],
    ids=["text", "empty", "truncated", "array", "number", "null", "string", "nan", "binary"],
)
def test_a_body_that_is_not_a_customer_object_is_422_on_the_body(client, raw):
    response = client.post("/v1/predict", content=raw, headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert "body" in fields_of(response) or set(fields_of(response)) <= set(FIELDS)
    assert "Traceback" not in response.text


def test_nan_and_infinity_are_refused(client):
    for literal in ("NaN", "Infinity", "-Infinity"):
        raw = json.dumps(customer()).replace("101348.88", literal).encode()
        response = client.post(
            "/v1/predict", content=raw, headers={"content-type": "application/json"}
        )
        assert response.status_code == 422
        assert fields_of(response) == ["EstimatedSalary"]


def test_form_encoded_body_is_422_on_the_body(client):
    response = client.post("/v1/predict", data={"Age": "42"})
    assert response.status_code == 422
    assert fields_of(response) == ["body"]


def test_a_10_mb_body_is_413_before_parsing(client):
    body = b'{"CreditScore": 619, "pad": "' + b"x" * TEN_MB + b'"}'
    response = client.post(
        "/v1/predict", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert fields_of(response) == ["body"]
    assert "limit" in response.json()["detail"][0]["msg"]


def test_a_10_mb_chunked_body_is_413_too(client):
    def chunks():
        yield b'{"pad": "'
        for _ in range(10):
            yield b"x" * (1024 * 1024)
        yield b'"}'

    response = client.post(
        "/v1/predict", content=chunks(), headers={"content-type": "application/json"}
    )
    assert response.status_code == 413
    assert fields_of(response) == ["body"]


def test_a_batch_over_the_limit_is_422_on_customers(client):
    response = client.post("/v1/predict/batch", json={"customers": [customer()] * 51})
    assert response.status_code == 422
    assert fields_of(response) == ["customers"]
    assert "50" in response.json()["detail"][0]["msg"]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"customers": []}, "customers"),
        ({}, "customers"),
        ({"customers": customer()}, "customers"),  # an object, not a list
        ({"customers": [customer()], "dry_run": True}, "dry_run"),
        ([customer()], "body"),  # a bare list instead of {"customers": [...]}
    ],
    ids=["empty", "missing", "not-a-list", "extra-key", "bare-list"],
)
def test_a_malformed_batch_is_422_naming_the_field(client, body, field):
    response = client.post("/v1/predict/batch", json=body)
    assert response.status_code == 422
    assert fields_of(response) == [field]


def test_one_bad_row_in_a_batch_is_named_by_its_index(client):
    rows = [customer() for _ in range(10)]
    rows[7]["Age"] = 250
    del rows[3]["Gender"]
    response = client.post("/v1/predict/batch", json={"customers": rows})
    assert response.status_code == 422
    assert sorted(fields_of(response)) == ["customers.3.Gender", "customers.7.Age"]


def test_wrong_method_and_unknown_route_are_405_and_404(client):
    assert client.get("/v1/predict").status_code == 405
    assert client.post("/v2/predict", json=customer()).status_code == 404


# -------------------------------------------------------------------------- fuzzing
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**12), 10**12)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
FUZZ = settings(
    max_examples=120,
    deadline=None,  # each example is one in-process request; the count bounds the time
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def _is_clean_answer(response) -> None:
    assert response.status_code in {200, 422}, response.text
    if response.status_code == 422:
        errors = response.json()["detail"]
        assert errors and all(error["field"] for error in errors)


@FUZZ
@given(body=JSON_VALUES)
def test_fuzz_any_json_is_answered_cleanly(client, body):
    _is_clean_answer(client.post("/v1/predict", json=body))
    _is_clean_answer(client.post("/v1/predict/batch", json=body))


@FUZZ
@given(changes=st.dictionaries(st.sampled_from(FIELDS), JSON_VALUES, min_size=1, max_size=4))
def test_fuzz_customer_fields_with_any_value(client, changes):
    response = client.post("/v1/predict", json=customer(**changes))
    _is_clean_answer(response)
    if response.status_code == 422:
        assert set(fields_of(response)) <= set(changes)  # only the fields we broke


@FUZZ
@given(raw=st.binary(max_size=300))
def test_fuzz_raw_bytes(client, raw):
    response = client.post("/v1/predict", content=raw, headers={"content-type": "application/json"})
    assert response.status_code in {400, 422}  # 400: not even UTF-8
    assert "body" in fields_of(response) or set(fields_of(response)) <= set(FIELDS)


def test_bytes_that_are_not_utf8_are_400_on_the_body(client):
    """Found by the fuzzer: FastAPI answers 400 with a bare string; ours names the body."""
    response = client.post(
        "/v1/predict", content=b"\x80", headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert fields_of(response) == ["body"]


VALID_CUSTOMERS = st.fixed_dictionaries(
    {
        "CreditScore": st.integers(300, 850),
        "Geography": st.sampled_from(["France", "Spain", "Germany"]),
        "Gender": st.sampled_from(["Male", "Female"]),
        "Age": st.integers(18, 100),
        "Tenure": st.integers(0, 10),
        "Balance": st.floats(0, 10_000_000),
        "NumOfProducts": st.integers(1, 4),
        "HasCrCard": st.integers(0, 1),
        "IsActiveMember": st.integers(0, 1),
        "EstimatedSalary": st.floats(0, 10_000_000),
    }
)


@FUZZ
@given(row=VALID_CUSTOMERS)
def test_fuzz_every_valid_customer_gets_a_consistent_prediction(client, row):
    response = client.post("/v1/predict", json=row)
    assert response.status_code == 200
    body = response.json()
    p = body["churn_probability"]
    assert 0 <= p <= 1 and body["prediction"] == int(p >= 0.5)
