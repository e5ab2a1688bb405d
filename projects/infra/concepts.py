"""Infrastructure demos (questions 95, 97, 98, 100) as pure computations.

`k8s_manifests` renders the API's Deployment, Service, ConfigMap, Secret, model volume and
Ingress from a few choices, then checks them the way `kubectl apply --dry-run=server`
plus a reviewer would: every reference resolves (ConfigMap/Secret keys, volumes, claims,
the Ingress backend's Service and port), no secret sits in a ConfigMap. The repo's own
deploy/k8s files go through the same checks.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import yaml

from projects.demo import DemoResult
from projects.figures import figure_layout

ROOT = Path(__file__).resolve().parents[2]
MODEL_MOUNTS = (
    "PersistentVolumeClaim (read-only)",
    "initContainer downloads it",
    "baked into the image",
)
SECRET_WORDS = re.compile(
    r"(PASSWORD|SECRET|TOKEN|API_KEY|PRIVATE_KEY|DATABASE_URL)", re.IGNORECASE
)
_LAYOUT = figure_layout(340)


def render_manifests(
    model_mount: str, secret_in_configmap: bool, tls: bool, host: str
) -> list[dict[str, Any]]:
    meta = {"namespace": "ml-portfolio", "labels": {"app": "bankchurn-api"}}
    config = {"APP_ENV": "production", "MODEL_PATH": "/models/model.joblib", "LOG_LEVEL": "INFO"}
    if secret_in_configmap:
        config["DB_PASSWORD"] = "hunter2"  # the mistake the check must catch
    container: dict[str, Any] = {
        "name": "api",
        "image": "bankchurn-api:1.2.0",
        "ports": [{"name": "http", "containerPort": 8000}],
        "envFrom": [{"configMapRef": {"name": "bankchurn-config"}}],
        "env": [
            {
                "name": "DB_PASSWORD",
                "valueFrom": {"secretKeyRef": {"name": "bankchurn-secrets", "key": "db-password"}},
            }
        ],
        "readinessProbe": {"httpGet": {"path": "/ready", "port": "http"}},
        "livenessProbe": {"httpGet": {"path": "/live", "port": "http"}},
    }
    pod: dict[str, Any] = {"containers": [container]}
    objects: list[dict[str, Any]] = []
    if model_mount != MODEL_MOUNTS[2]:
        container["volumeMounts"] = [{"name": "model", "mountPath": "/models", "readOnly": True}]
        if model_mount == MODEL_MOUNTS[0]:
            pod["volumes"] = [
                {
                    "name": "model",
                    "persistentVolumeClaim": {"claimName": "bankchurn-model", "readOnly": True},
                }
            ]
            objects.append(
                {
                    "apiVersion": "v1",
                    "kind": "PersistentVolumeClaim",
                    "metadata": {"name": "bankchurn-model", **meta},
                    "spec": {
                        "accessModes": ["ReadOnlyMany"],
                        "resources": {"requests": {"storage": "1Gi"}},
                    },
                }
            )
        else:
            pod["volumes"] = [{"name": "model", "emptyDir": {}}]
            pod["initContainers"] = [
                {
                    "name": "fetch-model",
                    "image": "amazon/aws-cli:2",
                    "command": [
                        "aws",
                        "s3",
                        "cp",
                        "s3://models/bankchurn/1.2.0/model.joblib",
                        "/models/",
                    ],
                    "volumeMounts": [{"name": "model", "mountPath": "/models"}],
                }
            ]
    objects += [
        {
            "apiVersion": "v1",
            "kind": "ConfigMap",
            "metadata": {"name": "bankchurn-config", **meta},
            "data": config,
        },
        {
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": {"name": "bankchurn-secrets", **meta},
            "type": "Opaque",
            "data": {"db-password": base64.b64encode(b"s3cr3t-from-the-vault").decode()},
        },
        {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": {"name": "bankchurn-api", **meta},
            "spec": {
                "replicas": 2,
                "selector": {"matchLabels": {"app": "bankchurn-api"}},
                "template": {"metadata": {"labels": {"app": "bankchurn-api"}}, "spec": pod},
            },
        },
        {
            "apiVersion": "v1",
            "kind": "Service",
            "metadata": {"name": "bankchurn-api", **meta},
            "spec": {
                "selector": {"app": "bankchurn-api"},
                "ports": [{"name": "http", "port": 80, "targetPort": "http"}],
            },
        },
    ]
    ingress: dict[str, Any] = {
        "apiVersion": "networking.k8s.io/v1",
        "kind": "Ingress",
        "metadata": {"name": "bankchurn-api", **meta},
        "spec": {
            "ingressClassName": "nginx",
            "rules": [
                {
                    "host": host,
                    "http": {
                        "paths": [
                            {
                                "path": "/v1",
                                "pathType": "Prefix",
                                "backend": {
                                    "service": {"name": "bankchurn-api", "port": {"name": "http"}}
                                },
                            }
                        ]
                    },
                }
            ],
        },
    }
    if tls:
        ingress["spec"]["tls"] = [{"hosts": [host], "secretName": "bankchurn-tls"}]
        objects.append(
            {
                "apiVersion": "v1",
                "kind": "Secret",
                "metadata": {"name": "bankchurn-tls", **meta},
                "type": "kubernetes.io/tls",
                "data": {"tls.crt": "", "tls.key": ""},
            }
        )
    objects.append(ingress)
    return objects


def _pod_specs(obj: dict[str, Any]) -> list[dict[str, Any]]:
    spec = obj.get("spec", {})
    return [spec["template"]["spec"]] if "template" in spec else []


def check_manifests(objects: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Every dangling reference and every secret-looking ConfigMap key."""
    names = {(o.get("kind"), o.get("metadata", {}).get("name")) for o in objects}
    data = {  # keys of each ConfigMap / Secret (`stringData` is a Secret's plain-text form)
        (o["kind"], o["metadata"]["name"]): {**(o.get("data") or {}), **(o.get("stringData") or {})}
        for o in objects
        if o.get("kind") in ("ConfigMap", "Secret")
    }
    problems = []

    def need(kind: str, name: str, where: str) -> None:
        if (kind, name) not in names:
            problems.append(
                {"object": where, "problem": f"refers to {kind} {name!r}, which is not defined"}
            )

    for obj in objects:
        where = f"{obj.get('kind')}/{obj.get('metadata', {}).get('name')}"
        if obj.get("kind") == "ConfigMap":
            for key in obj.get("data", {}) or {}:
                if SECRET_WORDS.search(key):
                    problems.append(
                        {"object": where, "problem": f"key {key} looks like a secret: use a Secret"}
                    )
        for pod in _pod_specs(obj):
            volumes = {v["name"]: v for v in pod.get("volumes", [])}
            for container in pod.get("containers", []) + pod.get("initContainers", []):
                for source in container.get("envFrom", []):
                    for kind, ref in (("ConfigMap", "configMapRef"), ("Secret", "secretRef")):
                        if ref in source:
                            need(kind, source[ref]["name"], where)
                for env in container.get("env", []):
                    for kind, ref in (("ConfigMap", "configMapKeyRef"), ("Secret", "secretKeyRef")):
                        target = env.get("valueFrom", {}).get(ref)
                        if target:
                            need(kind, target["name"], where)
                            if (kind, target["name"]) in data and target["key"] not in data[
                                (kind, target["name"])
                            ]:
                                problems.append(
                                    {
                                        "object": where,
                                        "problem": f"{kind} {target['name']!r} has no key "
                                        f"{target['key']!r}",
                                    }
                                )
                for mount in container.get("volumeMounts", []):
                    if mount["name"] not in volumes:
                        problems.append(
                            {
                                "object": where,
                                "problem": f"volumeMount {mount['name']!r} has no volume",
                            }
                        )
            for volume in volumes.values():
                claim = volume.get("persistentVolumeClaim")
                if claim:
                    need("PersistentVolumeClaim", claim["claimName"], where)
                for kind, ref in (("ConfigMap", "configMap"), ("Secret", "secret")):
                    if ref in volume:
                        need(kind, volume[ref].get("name") or volume[ref].get("secretName"), where)
        if obj.get("kind") == "Ingress":
            for rule in obj["spec"].get("rules", []):
                for path in rule.get("http", {}).get("paths", []):
                    service = path["backend"]["service"]
                    need("Service", service["name"], where)
                    target = next(
                        (
                            o
                            for o in objects
                            if o.get("kind") == "Service"
                            and o["metadata"]["name"] == service["name"]
                        ),
                        None,
                    )
                    port = service.get("port", {})
                    if target and not any(
                        p.get("name") == port.get("name") or p.get("port") == port.get("number")
                        for p in target["spec"]["ports"]
                    ):
                        problems.append(
                            {
                                "object": where,
                                "problem": f"Service {service['name']!r} has no port {port}",
                            }
                        )
            for tls in obj["spec"].get("tls", []):
                need("Secret", tls["secretName"], where)
    return problems


def repo_manifests() -> list[dict[str, Any]]:
    folder = ROOT / "deploy" / "k8s"
    if not folder.is_dir():
        return []
    objects = []
    for path in sorted(folder.glob("*.yaml")):
        for document in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            if isinstance(document, dict) and document.get("kind") != "Kustomization":
                objects.append(document)
    return objects


def k8s_manifests(
    model_mount: str = MODEL_MOUNTS[0],
    secret_in_configmap: bool = False,
    tls: bool = True,
    host: str = "churn.bank.example",
) -> DemoResult:
    """Render the API's manifests from your choices and check every cross-reference."""
    objects = render_manifests(model_mount, secret_in_configmap, tls, host or "churn.bank.example")
    problems = check_manifests(objects)
    clean = check_manifests(render_manifests(model_mount, False, tls, "churn.bank.example"))
    planted = check_manifests(render_manifests(model_mount, True, tls, "churn.bank.example"))
    broken = render_manifests(model_mount, False, tls, "churn.bank.example")
    broken[-1]["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]["name"] = (
        "bankchurn"  # a typo
    )
    ours = repo_manifests()
    held = (
        not clean
        and len(planted) == 1
        and len(check_manifests(broken)) >= 1
        and not check_manifests(ours)
    )
    return DemoResult(
        claim_held=bool(held),
        metrics={
            "objects": len(objects),
            "problems": len(problems),
            "repo's deploy/k8s objects": len(ours),
            "repo problems": len(check_manifests(ours)),
        },
        tables={
            "Problems found": pd.DataFrame(problems, columns=["object", "problem"]),
            "Objects": pd.DataFrame(
                [{"kind": o["kind"], "name": o["metadata"]["name"]} for o in objects]
            ),
        },
        notes=[
            "ConfigMap for settings (APP_ENV, MODEL_PATH), Secret for credentials (mounted as "
            "env or files, encrypted at rest, access by RBAC); a password in a ConfigMap is "
            "flagged.",
            "The model is a read-only volume (a PVC, or an initContainer that downloads the "
            "versioned artifact into an emptyDir): the image stays small and a new model does "
            "not need a new image. The Ingress routes /v1 on a host to the Service, with TLS.",
        ],
        extra={"manifests.yaml": yaml.safe_dump_all(objects, sort_keys=False)},
    )


# ====================================================================== 100: RPO / RTO
DR_STRATEGIES = {
    # name: (data copied every N minutes, minutes to restore service, relative cost)
    "nightly backup + restore": (24 * 60, 240, 1),
    "hourly snapshots + restore": (60, 90, 2),
    "warm standby (async replica)": (1, 15, 5),
    "active-active (two regions)": (0, 1, 10),
}


def disaster_recovery(
    incident_minute: int = 600,
    detect_min: int = 10,
    target_rpo_min: int = 60,
    target_rto_min: int = 120,
) -> DemoResult:
    """A region fails at `incident_minute` after midnight: data lost and downtime, per strategy."""
    rows = []
    for name, (every, restore, cost) in DR_STRATEGIES.items():
        last_copy = (incident_minute // every) * every if every else incident_minute
        lost = incident_minute - last_copy  # what happened since the last copy
        down = detect_min + restore if every else 0 + restore
        rows.append(
            {
                "strategy": name,
                "copy every (min)": every,
                "RPO bound (min)": every,
                "data lost (min)": lost,
                "downtime (min)": down,
                "meets targets": lost <= target_rpo_min and down <= target_rto_min,
                "relative cost": cost,
            }
        )
    table = pd.DataFrame(rows)
    held = bool(
        (table["data lost (min)"] <= table["RPO bound (min)"]).all()
        and table["relative cost"].is_monotonic_increasing
        and table["downtime (min)"].is_monotonic_decreasing
    )
    cheapest = table[table["meets targets"]].sort_values("relative cost").head(1)
    figure = go.Figure()
    figure.add_trace(
        go.Bar(x=table["strategy"], y=table["data lost (min)"], name="data lost (RPO)")
    )
    figure.add_trace(go.Bar(x=table["strategy"], y=table["downtime (min)"], name="downtime (RTO)"))
    figure.update_layout(
        barmode="group", title="What a regional outage costs", yaxis_title="minutes", **_LAYOUT
    )
    return DemoResult(
        claim_held=held,
        metrics={
            "cheapest strategy meeting the targets": cheapest["strategy"].iloc[0]
            if len(cheapest)
            else "none"
        },
        figures=[figure],
        tables={"Per strategy": table},
        notes=[
            "RPO = how much data you may lose (bounded by how often you copy it); RTO = how long "
            "you may be down (detection + restore). Each step down costs more.",
            "For an ML system, back up what cannot be recomputed (raw data, labels, the model "
            "registry and its artifacts, configs in git); features and models can be rebuilt "
            "from those — if the training is reproducible.",
        ],
    )


# ======================================================================= 99: Terraform plan
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


def terraform_plan(
    edits: tuple[str, ...] = ("scale nodes to 4", "add a monitoring bucket"),
) -> DemoResult:
    """`terraform plan`: desired config vs state -> create/update/replace/destroy, in order."""
    desired = _desired(tuple(edits))
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
    order: list[str] = []
    pending = [a for a, act in actions.items() if act not in ("no-op", "destroy")]
    while pending:  # topological: a resource after what it depends on
        ready = [
            a
            for a in pending
            if all(d in order or actions.get(d) in ("no-op", None) for d in desired[a][1])
        ]
        if not ready:
            raise ValueError("dependency cycle in the configuration")
        order += sorted(ready)
        pending = [a for a in pending if a not in ready]
    order += [a for a, act in actions.items() if act == "destroy"]
    table = pd.DataFrame(
        [{"step": i + 1, "resource": a, "action": actions[a]} for i, a in enumerate(order)],
        columns=["step", "resource", "action"],
    )
    position = {a: i for i, a in enumerate(order)}
    deps_ok = all(
        position[d] < position[a]
        for a in order
        if a in desired
        for d in desired[a][1]
        if d in position
    )
    replace_ok = ("change instance type" in edits) == (
        actions["aws_eks_node_group.cpu"].startswith("replace")
    )
    counts = pd.Series(list(actions.values())).value_counts().to_dict()
    return DemoResult(
        claim_held=bool(deps_ok and replace_ok),
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
