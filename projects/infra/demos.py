"""The infrastructure demos, each declared once: function, parameters, questions and claim."""

from __future__ import annotations

from projects import params as P
from projects.demo import DemoSpec, demo
from projects.infra import k8s, recovery, terraform

PROJECT = "infra"

DEMOS: list[DemoSpec] = [
    demo(
        PROJECT,
        k8s.k8s_manifests,
        title="Kubernetes manifests: ConfigMap, Secret, model volume, Ingress — checked",
        questions=(95, 97, 98),
        claim=(
            "Every reference of the rendered manifests resolves (ConfigMap and Secret keys, "
            "the model volume and its claim, the Ingress backend's Service and port, the TLS "
            "secret), a password in the ConfigMap is flagged, and the repository's own "
            "deploy/k8s files pass the same checks."
        ),
        params=(
            P.options("model_mount", k8s.MODEL_MOUNTS, k8s.MODEL_MOUNTS[0], label="MODEL_MOUNT"),
            P.switch("secret_in_configmap", False, label="SECRET_IN_CONFIGMAP"),
            P.switch("tls", True, label="TLS"),
            P.text("host", "churn.bank.example", max_chars=120, label="HOST"),
        ),
    ),
    demo(
        PROJECT,
        recovery.disaster_recovery,
        title="Disaster recovery: RPO and RTO per strategy",
        questions=(100,),
        claim=(
            "Data lost never exceeds the copy interval (the RPO bound), and each strategy that "
            "costs more loses less data and recovers faster."
        ),
        params=(
            P.integer("incident_minute", 0, 1_439, 600, label="INCIDENT_MINUTE"),
            P.integer("detect_min", 1, 60, 10, label="DETECT_MIN"),
            P.integer("target_rpo_min", 0, 1_440, 60, step=5, label="TARGET_RPO"),
            P.integer("target_rto_min", 1, 480, 120, step=5, label="TARGET_RTO"),
        ),
    ),
    demo(
        PROJECT,
        terraform.terraform_plan,
        title="Terraform plan: create, update, replace, destroy — in dependency order",
        questions=(99,),
        claim=(
            "The plan applies every resource after the ones it depends on, and changing a "
            "force-new attribute (the node group's instance type) replaces the resource "
            "instead of updating it."
        ),
        params=(
            P.many(
                "edits",
                terraform.DESIRED_EDITS,
                ("scale nodes to 4", "add a monitoring bucket"),
                label="EDITS",
            ),
        ),
    ),
]
