"""The deployment files practise what the answers teach: each manifest is parsed and the
fields that make a Streamlit deployment safe for a cohort are checked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
K8S = ROOT / "deploy" / "k8s"


def _manifests() -> dict[str, dict]:
    """kind -> the (single) document of that kind under deploy/k8s."""
    found: dict[str, dict] = {}
    for path in sorted(K8S.glob("*.yaml")):
        for document in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            if document:
                assert document["kind"] not in found, f"{path.name}: second {document['kind']}"
                found[document["kind"]] = document
    return found


@pytest.fixture(scope="module")
def manifests() -> dict[str, dict]:
    return _manifests()


def _dockerfile_instructions() -> list[tuple[str, str]]:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines()]
    return [
        (line.split(None, 1)[0].upper(), line.split(None, 1)[1] if " " in line else "")
        for line in lines
        if line and not line.startswith("#")
    ]


def test_dockerfile_is_multi_stage_and_runs_as_numeric_non_root_user():
    instructions = _dockerfile_instructions()
    stages = [args for op, args in instructions if op == "FROM"]
    assert len(stages) >= 2, "multi-stage: a build stage and a runtime stage"
    assert all(re.search(r"python:3\.\d+-slim", stage) for stage in stages)
    assert any("--from=build" in args for op, args in instructions if op == "COPY")
    user = [args for op, args in instructions if op == "USER"]
    assert user, "the image must drop root"
    args = {
        m.group(1): m.group(2)
        for m in re.finditer(r"ARG (\w+)=(\S+)", "\n".join(f"{op} {a}" for op, a in instructions))
    }
    resolved = re.sub(r"\$\{(\w+)\}", lambda m: args.get(m.group(1), m.group(0)), user[-1])
    uid = resolved.split(":")[0]
    assert uid.isdigit() and int(uid) >= 1000, f"numeric non-root UID, got {user[-1]!r}"


def test_dockerfile_healthcheck_probes_streamlit_health():
    checks = [args for op, args in _dockerfile_instructions() if op == "HEALTHCHECK"]
    assert checks and "/_stcore/health" in checks[0]
    cmd = [args for op, args in _dockerfile_instructions() if op == "CMD"]
    assert cmd and "streamlit" in cmd[-1] and "app.py" in cmd[-1]


def test_compose_runs_app_with_postgresql_and_no_password_in_repo():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert set(services) >= {"app", "db"}
    assert services["db"]["image"].startswith("postgres")
    app_env = services["app"]["environment"]
    assert app_env["SIMULACRO_DATABASE_URL"].startswith("postgresql://")
    assert "${SIMULACRO_DB_PASSWORD" in app_env["SIMULACRO_DATABASE_URL"], "password from env"
    assert services["app"]["depends_on"]["db"]["condition"] == "service_healthy"


def test_deployment_has_three_probes_resources_and_non_root(manifests):
    pod = manifests["Deployment"]["spec"]["template"]["spec"]
    assert pod["securityContext"]["runAsNonRoot"] is True
    assert isinstance(pod["securityContext"]["runAsUser"], int)
    (container,) = pod["containers"]
    for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
        assert container[probe]["httpGet"]["path"] == "/_stcore/health", probe
    resources = container["resources"]
    for part in ("requests", "limits"):
        assert {"cpu", "memory"} <= set(resources[part]), part
    url = next(e for e in container["env"] if e["name"] == "SIMULACRO_DATABASE_URL")
    secret_ref = url["valueFrom"]["secretKeyRef"]
    assert secret_ref["name"] == manifests["Secret"]["metadata"]["name"]
    assert secret_ref["key"] in manifests["Secret"]["stringData"]


def test_service_and_ingress_keep_a_session_on_one_pod(manifests):
    selector = manifests["Service"]["spec"]["selector"]
    labels = manifests["Deployment"]["spec"]["template"]["metadata"]["labels"]
    assert selector.items() <= labels.items(), "the Service selects the Deployment's pods"
    annotations = manifests["Ingress"]["metadata"]["annotations"]
    assert annotations["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    backend = manifests["Ingress"]["spec"]["rules"][0]["http"]["paths"][0]["backend"]
    assert backend["service"]["name"] == manifests["Service"]["metadata"]["name"]


def test_hpa_scales_the_deployment(manifests):
    hpa = manifests["HorizontalPodAutoscaler"]["spec"]
    assert hpa["scaleTargetRef"]["name"] == manifests["Deployment"]["metadata"]["name"]
    assert 1 <= hpa["minReplicas"] <= hpa["maxReplicas"]


def test_kustomization_lists_every_manifest():
    listed = set(yaml.safe_load((K8S / "kustomization.yaml").read_text())["resources"])
    present = {p.name for p in K8S.glob("*.yaml")} - {"kustomization.yaml"}
    assert listed == present


def test_a_trusted_identity_header_is_only_reachable_through_the_authenticating_proxy(
    manifests,
):
    """Header identity trusts whatever sends the header: only the proxy may reach the app."""
    config = manifests["ConfigMap"]["data"]
    assert config["SIMULACRO_IDENTITY"] == "header"
    annotations = manifests["Ingress"]["metadata"]["annotations"]
    assert annotations["nginx.ingress.kubernetes.io/auth-url"].endswith("/oauth2/auth")
    # ingress-nginx sets the auth answer's headers on the upstream request, replacing the
    # client's: the trusted header must be one of them.
    passed = annotations["nginx.ingress.kubernetes.io/auth-response-headers"].split(",")
    assert config["SIMULACRO_IDENTITY_HEADER"] in [name.strip() for name in passed]
    assert manifests["Service"]["spec"].get("type", "ClusterIP") == "ClusterIP"
    app = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    app = app["services"]["app"]
    if app["environment"].get("SIMULACRO_IDENTITY") == "header":
        for port in app.get("ports", []):
            assert str(port).startswith("127.0.0.1:"), f"{port}: published beside the proxy"


def test_the_deployments_identity_settings_are_a_valid_configuration(manifests):
    from simulacro.hosting import read_config

    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
    for env in (manifests["ConfigMap"]["data"], compose["services"]["app"]["environment"]):
        config = read_config({k: str(v) for k, v in env.items() if k.startswith("SIMULACRO_")})
        assert config.hosted and config.identity == "header" and config.header
