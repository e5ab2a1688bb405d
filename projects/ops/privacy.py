"""Privacy: pseudonymisation and the right to erasure (question 105).

Pure simulations (no Streamlit): compute_* returns numbers, present_* the DemoResult; the
demo's declared params (projects/ops/demos.py) are validated before these functions run.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from projects.demo import DemoResult

# ============================================================ 105: pseudonymisation
CUSTOMERS = pd.DataFrame(
    [
        (15604602, "Ana García", "ana.garcia@mail.com", 62, 431.2, 40, 18_230.5),
        (15617311, "Luis Pérez", "lperez@mail.com", 35, 244.9, 12, 9_870.0),
        (15609304, "Marta Ruiz", "marta.r@mail.com", 101, 712.4, 88, 27_500.1),
        (15611354, "Jorge Díaz", "jdiaz@mail.com", 58, 402.0, 0, 16_004.8),
        (15607888, "Lucía Gómez", "lucia.g@mail.com", 77, 540.3, 55, 21_990.2),
        (15604012, "Pablo Sanz", "psanz@mail.com", 23, 160.7, 5, 6_120.4),
        (15612531, "Elena Torres", "etorres@mail.com", 49, 350.0, 31, 14_300.0),
        (15616148, "Raúl Moreno", "rmoreno@mail.com", 90, 633.8, 70, 30_450.9),
    ],
    columns=["customer_id", "name", "email", "calls", "minutes", "messages", "mb_used"],
)
MODEL_FEATURES: tuple[str, ...] = ("calls", "minutes", "messages", "mb_used")
ID_SPACE = range(15_600_000, 15_620_000)  # every id an attacker would try (20,000)
PSEUDONYM_METHODS: tuple[str, ...] = ("hmac", "sha256")


def pseudonym(customer_id: int, key: str, method: str = "hmac") -> str:
    """HMAC-SHA256(key, id) truncated to 16 hex chars; "sha256" is the unkeyed mistake."""
    message = str(int(customer_id)).encode()
    if method == "hmac":
        return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()[:16]
    return hashlib.sha256(message).hexdigest()[:16]


def dictionary_attack(pseudonyms: set[str], method: str, guessed_key: str) -> int:
    """How many pseudonyms an attacker re-identifies by hashing every possible id.

    For "hmac" the attacker does not have the key and tries a guessed one."""
    found = 0
    for candidate in ID_SPACE:
        if pseudonym(candidate, guessed_key, method) in pseudonyms:
            found += 1
    return found


def pseudonymise(
    customers: pd.DataFrame, key: str, method: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(features table for the ML team, vault mapping pseudonym -> identity)."""
    ids = customers["customer_id"].map(lambda i: pseudonym(i, key, method))
    features = pd.concat([ids.rename("pseudonym"), customers[list(MODEL_FEATURES)]], axis=1)
    vault = pd.DataFrame(
        {
            "pseudonym": ids,
            "customer_id": customers["customer_id"],
            "name": customers["name"],
            "email": customers["email"],
        }
    )
    return features, vault


def erase(
    tables: dict[str, pd.DataFrame], customer_id: int, key: str, method: str
) -> dict[str, pd.DataFrame]:
    """Right to erasure: drop the person's rows from every table, by id and by pseudonym."""
    alias = pseudonym(customer_id, key, method)
    out = {}
    for name, table in tables.items():
        keep = pd.Series(True, index=table.index)
        if "customer_id" in table:
            keep &= table["customer_id"] != customer_id
        if "pseudonym" in table:
            keep &= table["pseudonym"] != alias
        out[name] = table[keep].reset_index(drop=True)
    return out


@dataclass(frozen=True)
class Erasure:
    """What the pseudonymisation demo computed: the tables after erasure and the checks."""

    erase_customer: int
    method: str
    alias: str  # the erased customer's pseudonym
    after: dict[str, pd.DataFrame]  # features, vault, prediction_log, crm without the customer
    gone: bool  # neither the id nor the pseudonym is left in any table
    stable: bool  # the others keep their pseudonyms (re-pseudonymising gives the same)
    features_same: bool  # the model features of the others are untouched
    no_pii: bool  # the ML team's table has no name, email or id
    targets: int  # pseudonyms an attacker sees
    reidentified: int  # re-identified by hashing every id, with a guessed key (hmac)
    reidentified_plain: int  # the same attack against unkeyed SHA-256 pseudonyms

    @property
    def claim_held(self) -> bool:
        return bool(
            self.gone
            and self.stable
            and self.features_same
            and self.no_pii
            and self.reidentified == 0
        )


def compute_pseudonymisation(
    secret_key: str = "k8s-secret-7f3a9c2e", erase_customer: int = 15617311, method: str = "hmac"
) -> Erasure:
    """Pseudonymise, erase one customer everywhere, then try to re-identify the rest."""
    if method not in PSEUDONYM_METHODS:
        raise ValueError(f"method={method!r} is not one of {', '.join(PSEUDONYM_METHODS)}")
    if not isinstance(secret_key, str) or len(secret_key) < 8:
        raise ValueError(
            "secret_key needs at least 8 characters "
            "(in production: 32 random bytes from a secret store)"
        )
    if erase_customer not in set(CUSTOMERS["customer_id"]):
        raise ValueError(
            f"customer {erase_customer} is not in the table; ids: {list(CUSTOMERS['customer_id'])}"
        )
    features, vault = pseudonymise(CUSTOMERS, secret_key, method)
    log = pd.DataFrame(
        {
            "pseudonym": features["pseudonym"].repeat(2).to_numpy(),
            "predicted_plan": ["Ultra", "Ultra", "Basic", "Basic"] * 4,
            "day": ["2024-05-01", "2024-06-01"] * 8,
        }
    )
    before = {"features": features, "vault": vault, "prediction_log": log, "crm": CUSTOMERS}
    after = erase(before, erase_customer, secret_key, method)

    alias = pseudonym(erase_customer, secret_key, method)
    gone = all(
        alias not in set(t.get("pseudonym", []))
        and erase_customer not in set(t.get("customer_id", []))
        for t in after.values()
    )
    remaining = CUSTOMERS[CUSTOMERS["customer_id"] != erase_customer].reset_index(drop=True)
    again, _ = pseudonymise(remaining, secret_key, method)
    stable = after["features"]["pseudonym"].tolist() == again["pseudonym"].tolist()
    features_same = after["features"][list(MODEL_FEATURES)].equals(remaining[list(MODEL_FEATURES)])
    no_pii = not {"name", "email", "customer_id"} & set(after["features"].columns)
    targets = set(after["features"]["pseudonym"])
    reidentified = dictionary_attack(targets, method, guessed_key="guess-the-key")
    reidentified_plain = (
        reidentified
        if method == "sha256"
        else dictionary_attack(
            set(pseudonymise(remaining, secret_key, "sha256")[0]["pseudonym"]), "sha256", ""
        )
    )
    return Erasure(
        erase_customer,
        method,
        alias,
        after,
        bool(gone),
        bool(stable),
        bool(features_same),
        bool(no_pii),
        len(targets),
        reidentified,
        reidentified_plain,
    )


def present_pseudonymisation(found: Erasure) -> DemoResult:
    """The re-identification chart, the tables after erasure and the sentences."""
    keyed = found.reidentified if found.method == "hmac" else 0
    fig = go.Figure(
        go.Bar(
            x=["plain SHA-256 of the id", "HMAC-SHA256 with a secret key"],
            y=[found.reidentified_plain, keyed],
            text=[f"{found.reidentified_plain}/{found.targets}", f"{keyed}/{found.targets}"],
            textposition="outside",
            marker_color=["#E45756", "#54A24B"],
        )
    )
    fig.update_layout(
        title=f"Customers re-identified by hashing all {len(ID_SPACE):,} possible ids (no key)",
        yaxis=dict(title="re-identified", range=[0, found.targets + 1.5]),
        height=340,
    )
    erased = found.erase_customer
    erased_name = CUSTOMERS.loc[CUSTOMERS["customer_id"] == erased, "name"].iloc[0]
    after = found.after
    return DemoResult(
        claim_held=found.claim_held,
        metrics={
            "Erased everywhere": "yes" if found.gone else "NO",
            "Pseudonyms stable": "yes" if found.stable else "NO",
            "Model features unchanged": "yes" if found.features_same else "NO",
            "Re-identified without key": f"{found.reidentified}/{found.targets}",
        },
        figures=[fig],
        tables={
            "Raw CRM (before): identity + usage": CUSTOMERS,
            "What the ML team gets (after erasure): no name, no email, no id": after["features"],
            "Vault, access-controlled (after erasure)": after["vault"],
            "Prediction log, no PII (after erasure)": after["prediction_log"],
        },
        notes=[
            f"Erasure request for {erased_name} ({erased}): rows removed from the CRM, "
            "the features table, the prediction log and the vault mapping.",
            "Ids are guessable (8 digits in a known range), so an unkeyed hash is reversible by "
            "brute force; the HMAC key lives in a secret store, and rotating it breaks every "
            "old link at once.",
            "Pseudonymised data is still personal data under GDPR (the vault can re-link it); "
            "it lowers the risk, it does not remove the obligations.",
        ],
        extra={"after": after, "alias": found.alias, "reidentified": found.reidentified},
    )


def pseudonymisation(
    secret_key: str = "k8s-secret-7f3a9c2e", erase_customer: int = 15617311, method: str = "hmac"
) -> DemoResult:
    """Minimise, pseudonymise with a keyed hash, then honour a right-to-erasure request."""
    return present_pseudonymisation(compute_pseudonymisation(secret_key, erase_customer, method))
