"""Logging (question 27): levels from configuration, JSON lines with a request id, personal
data redacted by a filter; the demo shows what reached the handler."""

from __future__ import annotations

import io
import json
import logging
import logging.config
from dataclasses import dataclass

import pandas as pd

from projects.demo import DemoResult

LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


class JsonFormatter(logging.Formatter):
    """One JSON object per line: what a log pipeline (Loki, CloudWatch) indexes."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        if record.exc_info:
            entry["error"] = record.exc_info[0].__name__
        return json.dumps(entry)


class OneLineFormatter(logging.Formatter):
    """Human-readable, one record per line: the exception's type instead of its traceback
    (the full traceback belongs in the JSON/error pipeline, not in a grep-able line)."""

    def format(self, record: logging.LogRecord) -> str:
        error = f" ({record.exc_info[0].__name__})" if record.exc_info else ""
        plain = logging.makeLogRecord({**record.__dict__, "exc_info": None, "exc_text": None})
        return super().format(plain) + error


class DropPii(logging.Filter):
    """Redact the customer's identity (a surname passed in `extra`) from the message."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = str(record.msg).replace(getattr(record, "surname", "\0"), "[redacted]")
        return True


def _handle_request(logger: logging.Logger, request_id: str) -> None:
    extra = {"request_id": request_id, "surname": "Hargrave"}
    logger.debug("features computed for Hargrave: age=42 balance=0.0", extra=extra)
    logger.info("prediction served: p=0.14 risk=low in 7.1 ms", extra=extra)
    logger.warning("slow request: 812 ms > 500 ms budget", extra=extra)
    try:
        raise ZeroDivisionError("calls == 0")
    except ZeroDivisionError:
        logger.error("feature minutes_per_call failed", exc_info=True, extra=extra)


@dataclass(frozen=True)
class EmittedLog:
    """What the logging demo computed: the lines that reached the handler."""

    level: str
    json_lines: bool
    lines: tuple[str, ...]

    @property
    def emitted_levels(self) -> list[str]:
        if self.json_lines:
            return [json.loads(line)["level"] for line in self.lines]
        return [line.split()[0] for line in self.lines]

    @property
    def claim_held(self) -> bool:
        """Exactly the records at or above the level, each with its request id, no surname."""
        ids_kept = not self.json_lines or all(
            json.loads(line)["request_id"] == "req-7f3a" for line in self.lines
        )
        return bool(
            self.emitted_levels == list(LEVELS[LEVELS.index(self.level) :])
            and ids_kept
            and all("Hargrave" not in line for line in self.lines)
        )


def compute_logging_levels(level: str, json_lines: bool) -> EmittedLog:
    """Configure logging with dictConfig, handle one request, keep what reached the handler."""
    stream = io.StringIO()
    name = "demo.bankchurn.api"
    logging.config.dictConfig(
        {
            "version": 1,
            "disable_existing_loggers": False,
            "filters": {"pii": {"()": DropPii}},
            "formatters": {
                "json": {"()": JsonFormatter},
                "text": {
                    "()": OneLineFormatter,
                    "format": "%(levelname)-7s %(name)s [%(request_id)s] %(message)s",
                },
            },
            "handlers": {
                "memory": {
                    "class": "logging.StreamHandler",
                    "stream": stream,
                    "formatter": "json" if json_lines else "text",
                    "filters": ["pii"],
                }
            },
            "loggers": {name: {"level": level, "handlers": ["memory"], "propagate": False}},
        }
    )
    logger = logging.getLogger(name)
    try:
        _handle_request(logger, "req-7f3a")
    finally:
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
    return EmittedLog(level, json_lines, tuple(stream.getvalue().splitlines()))


def present_logging_levels(found: EmittedLog) -> DemoResult:
    lines = list(found.lines)
    return DemoResult(
        claim_held=found.claim_held,
        metrics={"records emitted": len(lines), "dropped by the level": 4 - len(lines)},
        tables={"Emitted records": pd.DataFrame({"line": lines})},
        notes=[
            "The level is configuration (DEBUG in development, INFO in production): records "
            "below it cost almost nothing and never reach a handler.",
            "JSON lines with a request id can be searched and joined across services; a "
            "filter redacts personal data before it is written anywhere.",
        ],
    )


def logging_levels(level: str = "INFO", json_lines: bool = True) -> DemoResult:
    """Configure logging with dictConfig, handle one request, show what reached the handler."""
    return present_logging_levels(compute_logging_levels(level, json_lines))
