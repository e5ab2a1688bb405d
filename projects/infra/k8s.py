"""Kubernetes manifests for the BankChurn API (questions 95, 97, 98), rendered and checked.

`k8s_manifests` renders the API's Deployment, Service, ConfigMap, Secret, model volume and
Ingress from a few choices, then checks them the way `kubectl apply --dry-run=server`
plus a reviewer would: every reference resolves (ConfigMap/Secret keys, volumes, claims,
the Ingress backend's Service and port), no secret sits in a ConfigMap. The repo's own
deploy/k8s files go through the same checks.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from projects.demo import DemoResult

ROOT = Path(__file__).resolve().parents[2]
MODEL_MOUNTS = (
    "PersistentVolumeClaim (read-only)",
    "initContainer downloads it",
    "baked into the image",
)
SECRET_WORDS = re.compile(
    r"(PASSWORD|SECRET|TOKEN|API_KEY|PRIVATE_KEY|DATABASE_URL)", re.IGNORECASE
)


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


@dataclass(frozen=True)
class CheckedManifests:
    """What the manifests demo computed: the objects and the problems each check found."""

    objects: list[dict[str, Any]]  # the manifests rendered from the user's choices
    problems: list[dict[str, str]]  # what the checks found in them
    clean_problems: int  # on the same choices without the planted password: must be 0
    planted_problems: int  # with the password in the ConfigMap: must be exactly 1
    typo_problems: int  # with a typo in the Ingress backend's Service: must be ≥ 1
    repo_objects: int  # objects in the repository's deploy/k8s
    repo_problems: int  # what the checks found there: must be 0

    @property
    def claim_held(self) -> bool:
        return bool(
            self.clean_problems == 0
            and self.planted_problems == 1
            and self.typo_problems >= 1
            and self.repo_problems == 0
        )


def compute_k8s_manifests(
    model_mount: str, secret_in_configmap: bool, tls: bool, host: str
) -> CheckedManifests:
    """Render the manifests, check them, and check the controls: clean, planted, typo, repo."""
    objects = render_manifests(model_mount, secret_in_configmap, tls, host or "churn.bank.example")
    broken = render_manifests(model_mount, False, tls, "churn.bank.example")
    broken[-1]["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]["name"] = (
        "bankchurn"  # a typo
    )
    ours = repo_manifests()
    return CheckedManifests(
        objects=objects,
        problems=check_manifests(objects),
        clean_problems=len(
            check_manifests(render_manifests(model_mount, False, tls, "churn.bank.example"))
        ),
        planted_problems=len(
            check_manifests(render_manifests(model_mount, True, tls, "churn.bank.example"))
        ),
        typo_problems=len(check_manifests(broken)),
        repo_objects=len(ours),
        repo_problems=len(check_manifests(ours)),
    )


def present_k8s_manifests(found: CheckedManifests) -> DemoResult:
    objects = found.objects
    return DemoResult(
        claim_held=found.claim_held,
        metrics={
            "objects": len(objects),
            "problems": len(found.problems),
            "repo's deploy/k8s objects": found.repo_objects,
            "repo problems": found.repo_problems,
        },
        tables={
            "Problems found": pd.DataFrame(found.problems, columns=["object", "problem"]),
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


def k8s_manifests(
    model_mount: str = MODEL_MOUNTS[0],
    secret_in_configmap: bool = False,
    tls: bool = True,
    host: str = "churn.bank.example",
) -> DemoResult:
    """Render the API's manifests from your choices and check every cross-reference."""
    return present_k8s_manifests(compute_k8s_manifests(model_mount, secret_in_configmap, tls, host))
