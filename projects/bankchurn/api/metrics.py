"""Prometheus metrics of one API instance (questions 25, 94).

Each app gets its own `CollectorRegistry`: two apps in one process (tests, demos) then
count separately instead of colliding on prometheus_client's global registry.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5)
PROBABILITY_BUCKETS = (0.1, 0.2, 0.3, 0.5, 0.7, 0.9, 1.0)


@dataclass
class ApiMetrics:
    registry: CollectorRegistry = field(default_factory=CollectorRegistry)

    def __post_init__(self) -> None:
        self.requests = Counter(
            "api_requests",
            "Requests by route template, method and status code",
            ["endpoint", "method", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "api_request_latency_seconds",
            "Request latency by route template",
            ["endpoint"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.churn_probability = Histogram(
            "churn_probability",
            "Predicted churn probabilities (a drift signal long before labels arrive)",
            buckets=PROBABILITY_BUCKETS,
            registry=self.registry,
        )
        self.model_loaded = Gauge(
            "model_loaded", "1 when the model is loaded, 0 in degraded mode", registry=self.registry
        )

    def observe_request(self, endpoint: str, method: str, status: int, seconds: float) -> None:
        self.requests.labels(endpoint, method, str(status)).inc()
        self.latency.labels(endpoint).observe(seconds)

    def exposition(self) -> bytes:
        """The text format Prometheus scrapes."""
        return generate_latest(self.registry)
