"""The request and response contract of the BankChurn API (questions 24, 28, 29).

Requests are strict: a JSON string "42" is not an age, `true` is not a product count, an
unknown field is a typo to report, NaN and infinity are refused. Ranges come from the
domain (and the data the model was trained on), allowed values from the categories the
model saw, so the model never silently scores an impossible customer.
"""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

RiskLevel = Literal["low", "medium", "high"]
_STRICT = ConfigDict(strict=True, extra="forbid", allow_inf_nan=False)


EXAMPLE_CUSTOMER: dict[str, object] = {  # row 1 of Churn_Modelling.csv, without the ids
    "CreditScore": 619,
    "Geography": "France",
    "Gender": "Female",
    "Age": 42,
    "Tenure": 2,
    "Balance": 0.0,
    "NumOfProducts": 1,
    "HasCrCard": 1,
    "IsActiveMember": 1,
    "EstimatedSalary": 101348.88,
}


class CustomerData(BaseModel):
    """One bank customer, as the CRM sends it."""

    model_config = ConfigDict(**_STRICT, json_schema_extra={"examples": [EXAMPLE_CUSTOMER]})

    CreditScore: int = Field(ge=300, le=850)
    Geography: Literal["France", "Spain", "Germany"]
    Gender: Literal["Male", "Female"]
    Age: int = Field(ge=18, le=100)
    Tenure: int = Field(ge=0, le=10)
    Balance: float = Field(ge=0, le=10_000_000)
    NumOfProducts: int = Field(ge=1, le=4)
    HasCrCard: int = Field(ge=0, le=1)  # not Literal[0, 1]: that one lets `true` through
    IsActiveMember: int = Field(ge=0, le=1)
    EstimatedSalary: float = Field(ge=0, le=10_000_000)


FEATURES: tuple[str, ...] = tuple(CustomerData.model_fields)


@lru_cache(maxsize=8)
def batch_request_model(max_size: int) -> type[BaseModel]:
    """`{"customers": [...]}` with 1..max_size customers (the limit comes from settings)."""
    return create_model(
        "BatchRequest",
        __config__=_STRICT,
        customers=(list[CustomerData], Field(min_length=1, max_length=max_size)),
    )


class PredictionResponse(BaseModel):
    churn_probability: float = Field(ge=0, le=1)
    prediction: Literal[0, 1]  # the class at the configured threshold
    risk_level: RiskLevel
    confidence: float = Field(ge=0.5, le=1)  # max(p, 1 - p)
    model_version: str
    timestamp: datetime


class BatchItem(BaseModel):
    index: int  # position in the request, so the caller can join results to its input
    churn_probability: float
    prediction: Literal[0, 1]
    risk_level: RiskLevel


class BatchResponse(BaseModel):
    predictions: list[BatchItem]
    count: int
    model_version: str
    timestamp: datetime


class FieldError(BaseModel):
    field: str  # dotted path in the body, e.g. "customers.17.Age"; "body" for the whole body
    msg: str
    type: str


class ErrorResponse(BaseModel):
    detail: list[FieldError] | str
