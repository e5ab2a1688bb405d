"""`terraform plan` (question 99): desired config vs state -> create, update, replace,
destroy, in dependency order. The order is checked apart from how it was built.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from projects.demo import DemoResult

STATE = {  # what exists now: address -> (attributes, depends on)
    "aws_s3_bucket.models": ({"versioning": "Enabled"}, ()),
    "aws_ecr_repository.api": ({"scan_on_push": "true"}, ()),
    "aws_eks_cluster.ml": ({"version": "1.29"}, ()),
    "aws_eks_node_group.cpu": (
        {"instance_type": "m6i.large", "desired_size": "2"},
        ("aws_eks_cluster.ml",),
    ),
}
FORCE_NEW = {"aws_eks_node_group.cpu": {"instance_type"}, "aws_s3_bucket.models": {"bucket"}}
DESIRED_EDITS = (
    "scale nodes to 4",
    "change instance type",
    "add a monitoring bucket",
    "remove the ECR repository",
)


def _desired(edits: tuple[str, ...]) -> dict[str, tuple[dict[str, str], tuple[str, ...]]]:
    desired = {k: (dict(a), d) for k, (a, d) in STATE.items()}
    if "scale nodes to 4" in edits:
        desired["aws_eks_node_group.cpu"][0]["desired_size"] = "4"
    if "change instance type" in edits:
        desired["aws_eks_node_group.cpu"][0]["instance_type"] = "m6i.xlarge"
    if "add a monitoring bucket" in edits:
        desired["aws_s3_bucket.monitoring"] = ({"versioning": "Enabled"}, ())
        desired["aws_iam_policy.monitoring_write"] = (
            {"bucket": "monitoring"},
            ("aws_s3_bucket.monitoring",),
        )
    if "remove the ECR repository" in edits:
        del desired["aws_ecr_repository.api"]
    return desired


def plan_actions(desired: dict[str, tuple[dict[str, str], tuple[str, ...]]]) -> dict[str, str]:
    """What `terraform plan` does to each address: create, no-op, update, replace, destroy."""
    actions = {}
    for address, (attributes, _) in desired.items():
        if address not in STATE:
            actions[address] = "create"
            continue
        changed = {k for k, v in attributes.items() if STATE[address][0].get(k) != v}
        if not changed:
            actions[address] = "no-op"
        elif changed & FORCE_NEW.get(address, set()):
            actions[address] = "replace (destroy, then create)"
        else:
            actions[address] = "update in-place"
    for address in STATE:
        if address not in desired:
            actions[address] = "destroy"
    return actions


def apply_order(desired: dict, actions: dict[str, str]) -> list[str]:
    """Topological: a resource after what it depends on; destroys last."""
    order: list[str] = []
    pending = [a for a, act in actions.items() if act not in ("no-op", "destroy")]
    while pending:
        ready = [
            a
            for a in pending
            if all(d in order or actions.get(d) in ("no-op", None) for d in desired[a][1])
        ]
        if not ready:
            raise ValueError("dependency cycle in the configuration")
        order += sorted(ready)
        pending = [a for a in pending if a not in ready]
    return order + [a for a, act in actions.items() if act == "destroy"]


@dataclass(frozen=True)
class Plan:
    """What the Terraform demo computed: the edits, each resource's action and the order."""

    edits: tuple[str, ...]
    depends_on: dict[str, tuple[str, ...]]  # desired address -> what it depends on
    actions: dict[str, str]  # address -> create / no-op / update / replace / destroy
    order: tuple[str, ...]  # the apply order

    @property
    def counts(self) -> dict[str, int]:
        return pd.Series(list(self.actions.values())).value_counts().to_dict()

    @property
    def dependencies_first(self) -> bool:
        position = {a: i for i, a in enumerate(self.order)}
        return all(
            position[d] < position[a]
            for a in self.order
            for d in self.depends_on.get(a, ())
            if d in position
        )

    @property
    def replaces_on_force_new(self) -> bool:
        return ("change instance type" in self.edits) == (
            self.actions["aws_eks_node_group.cpu"].startswith("replace")
        )

    @property
    def claim_held(self) -> bool:
        return bool(self.dependencies_first and self.replaces_on_force_new)


def compute_terraform_plan(edits: tuple[str, ...]) -> Plan:
    desired = _desired(tuple(edits))
    actions = plan_actions(desired)
    return Plan(
        edits=tuple(edits),
        depends_on={a: d for a, (_, d) in desired.items()},
        actions=actions,
        order=tuple(apply_order(desired, actions)),
    )


def present_terraform_plan(found: Plan) -> DemoResult:
    table = pd.DataFrame(
        [
            {"step": i + 1, "resource": a, "action": found.actions[a]}
            for i, a in enumerate(found.order)
        ],
        columns=["step", "resource", "action"],
    )
    counts = found.counts
    return DemoResult(
        claim_held=found.claim_held,
        metrics={
            "to create": counts.get("create", 0),
            "to update": counts.get("update in-place", 0),
            "to replace": counts.get("replace (destroy, then create)", 0),
            "to destroy": counts.get("destroy", 0),
        },
        tables={"Plan (apply order)": table},
        notes=[
            "Terraform keeps the infrastructure (bucket for models, registry, cluster, node "
            "groups, IAM) as reviewed code: the plan is read in the PR, applied by CI.",
            "Some attributes cannot change in place (a node group's instance type): the plan "
            "says replace, which is when you plan for capacity or a blue-green node group.",
        ],
    )


def terraform_plan(
    edits: tuple[str, ...] = ("scale nodes to 4", "add a monitoring bucket"),
) -> DemoResult:
    """`terraform plan`: desired config vs state -> create/update/replace/destroy, in order."""
    return present_terraform_plan(compute_terraform_plan(edits))
