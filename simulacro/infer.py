"""Guess an imported question's tags, project and difficulty from its text.

Imported documents carry no metadata, but a deck must validate (2-5 tags from the
vocabulary, a known project). The guesses are keyword counts over the normalised title,
prompt and answer: predictable, and easy to correct by editing the question file.
"""

from __future__ import annotations

from collections import Counter

from simulacro.grading import normalize
from simulacro.model import TAGS

MIN_TAGS, MAX_TAGS = 2, 5
TITLE_WEIGHT = 3  # a word of the title says more about the topic than one of the answer

# tag -> normalised keywords (whole words) that point to it. Every tag of the vocabulary
# has an entry, so a new tag without keywords fails the test that checks this table.
TAG_KEYWORDS: dict[str, tuple[str, ...]] = {
    "leakage": ("leakage", "fuga de datos", "derivadas del target", "target leakage"),
    "metrics": (
        "metrica",
        "metricas",
        "metric",
        "f1",
        "accuracy",
        "precision",
        "recall",
        "auc",
        "roc",
        "rmse",
        "mae",
        "mape",
        "r2",
    ),
    "imbalance": ("desbalance", "desbalanceadas", "imbalance", "smote", "class weight", "80 20"),
    "validation": (
        "validacion cruzada",
        "cross validation",
        "kfold",
        "stratifiedkfold",
        "fold",
        "folds",
        "train test split",
        "holdout",
        "backtesting",
    ),
    "preprocessing": (
        "preprocesamiento",
        "preprocesador",
        "imputacion",
        "imputar",
        "nulos",
        "escalado",
        "standardscaler",
        "columntransformer",
        "encoding",
        "onehotencoder",
        "fillna",
    ),
    "feature-engineering": ("feature engineering", "featureengineer", "features", "feature"),
    "models": (
        "modelo",
        "modelos",
        "randomforest",
        "random forest",
        "logisticregression",
        "gradient boosting",
        "xgboost",
        "regresion",
        "clasificador",
        "estimator",
    ),
    "tuning": ("hiperparametros", "gridsearchcv", "randomizedsearchcv", "optuna", "tuning"),
    "calibration": ("calibracion", "calibratedclassifiercv", "calibration", "platt"),
    "explainability": ("shap", "explicabilidad", "feature importance", "interpretabilidad"),
    "baseline": ("baseline", "dummyregressor", "dummyclassifier", "linea base"),
    "statistics": ("estadistica", "bootstrap", "intervalo de confianza", "desviacion", "media"),
    "reproducibility": ("reproducible", "reproducibilidad", "semilla", "semillas", "seed"),
    "config": ("configuracion", "config", "yaml", "pydantic", "settings", "configmap"),
    "experiment-tracking": ("mlflow", "experimento", "experimentos", "tracking", "run", "runs"),
    "versioning": ("version", "versiones", "versionado", "dvc", "git", "commit", "semver"),
    "data": ("datos", "dataset", "dataframe", "pandas", "csv", "groupby", "data"),
    "api": ("api", "fastapi", "endpoint", "endpoints", "rest", "uvicorn", "request"),
    "testing": ("test", "tests", "pytest", "testclient", "coverage", "cobertura", "assert"),
    "docker": ("docker", "dockerfile", "imagen", "contenedor", "multi stage"),
    "k8s": ("kubernetes", "k8s", "pod", "pods", "helm", "ingress", "deployment yaml"),
    "ci-cd": ("ci", "cd", "github actions", "pipeline de ci", "pull request", "workflow"),
    "monitoring": ("monitoreo", "monitoring", "prometheus", "grafana", "drift", "alertas"),
    "logging": ("logging", "logger", "logs", "log"),
    "security": ("seguridad", "security", "no root", "secrets", "vulnerabilidades", "trivy"),
    "deployment": ("despliegue", "deploy", "desplegable", "produccion", "rolling update"),
    "architecture": ("arquitectura", "modulo", "modulos", "estructura", "paquete", "capas"),
    "design-patterns": ("patron", "patrones", "factory", "strategy", "solid", "singleton"),
    "performance": ("rendimiento", "performance", "latencia", "cache", "rapida", "memoria"),
    "error-handling": ("excepcion", "excepciones", "except", "try", "errores", "error"),
    "fairness": ("fairness", "sesgo", "bias", "equidad"),
    "privacy": ("privacidad", "gdpr", "pii", "anonimizacion", "datos personales"),
    "ethics": ("etica", "ethics", "responsable", "model card"),
    "leadership": ("liderazgo", "equipo", "mentoring", "junior", "lider", "stakeholders"),
    "communication": ("comunicacion", "explicar", "negocio", "stakeholder", "documentacion"),
    "process": ("proceso", "revision", "code review", "branching", "flujo", "estrategia"),
    "dashboard": ("dashboard", "streamlit", "visualizacion"),
    "documentation": ("documentacion", "readme", "docstring", "changelog", "model card"),
}

PROJECT_KEYWORDS: dict[str, tuple[str, ...]] = {
    "bankchurn": ("bankchurn", "churn", "bank churn"),
    "carvision": ("carvision", "vehiculo", "vehiculos", "odometer", "price per mile"),
    "telecomai": ("telecomai", "telecom", "megaline", "users behavior"),
}

# Words in a document's title that tell its level -> difficulty of its questions.
LEVEL_DIFFICULTY: tuple[tuple[str, int], ...] = (
    ("junior", 1),
    ("mid", 2),
    ("semi senior", 2),
    ("senior", 3),
    ("lead", 3),
    ("staff", 3),
)


def _hits(keywords: tuple[str, ...], text: str) -> int:
    padded = f" {text} "
    return sum(padded.count(f" {keyword} ") for keyword in keywords)


def infer_tags(title: str, prompt: str, answer: str) -> tuple[str, ...]:
    """2-5 tags of the vocabulary, the most mentioned first (ties in vocabulary order)."""
    heading = normalize(f"{title} {prompt}")
    body = normalize(answer)
    scores: Counter[str] = Counter()
    for tag in TAGS:
        keywords = TAG_KEYWORDS.get(tag, ())
        score = TITLE_WEIGHT * _hits(keywords, heading) + _hits(keywords, body)
        if score:
            scores[tag] = score
    ranked = sorted(scores, key=lambda tag: (-scores[tag], TAGS.index(tag)))
    strong = [tag for tag in ranked if scores[tag] >= 2] or ranked[:MIN_TAGS]
    tags = strong[:MAX_TAGS]
    for fallback in (*ranked, "process", "communication"):  # every question needs two
        if len(tags) >= MIN_TAGS:
            break
        if fallback not in tags:
            tags.append(fallback)
    return tuple(tags)


def infer_project(*texts: str) -> str:
    """The portfolio project the text is about, or "none" when no single one stands out."""
    text = normalize(" ".join(texts))
    counts = {project: _hits(words, text) for project, words in PROJECT_KEYWORDS.items()}
    best = max(counts.values())
    leaders = [project for project, count in counts.items() if count == best]
    return leaders[0] if best and len(leaders) == 1 else "none"


def infer_difficulty(document_title: str, default: int = 2) -> int:
    """1 for a Junior document, 2 for Mid, 3 for Lead/Senior; `default` otherwise."""
    text = f" {normalize(document_title)} "
    for word, difficulty in LEVEL_DIFFICULTY:
        if f" {word} " in text:
            return difficulty
    return default
