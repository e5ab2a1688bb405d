"""The responsible-AI demos, each declared once: function, parameters, questions and claim."""

from __future__ import annotations

from projects import params as P
from projects.demo import DemoSpec, demo
from projects.responsible import concepts

PROJECT = "responsible"

DEMOS: list[DemoSpec] = [
    demo(
        PROJECT,
        concepts.model_card,
        title="A model card generated from the real metrics",
        questions=(35, 101, 103),
        claim=(
            "Every metric in the generated card equals the one recomputed from the model's "
            "test predictions, the card flags any group with disparate impact below 0.8, and it "
            "carries the model version, so the card of another model is detectably stale."
        ),
        params=(
            P.options("model", concepts.MODELS, "voting", label="MODEL"),
            P.real("threshold", 0.1, 0.9, 0.5, 0.05, label="THRESHOLD"),
        ),
    ),
    demo(
        PROJECT,
        concepts.human_in_the_loop,
        title="Human in the loop: route the uncertain band to a person",
        questions=(104,),
        claim=(
            "Sending the predictions inside the uncertain band to a person lowers the error "
            "rate of the decisions left automatic below the all-automatic error, and the "
            "review share grows as the band widens."
        ),
        params=(
            P.real("low", 0.05, 0.5, 0.35, 0.05, label="LOW"),
            P.real("high", 0.5, 0.95, 0.65, 0.05, label="HIGH"),
            P.options("model", concepts.MODELS, "voting", label="MODEL"),
        ),
    ),
]
