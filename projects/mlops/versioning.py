"""Data versions as DVC sees them (question 20): the md5 of the file's bytes, and the small
pointer file committed to git."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import pandas as pd
import yaml

from projects.bankchurn.data import generate
from projects.demo import DemoResult
from projects.mlops.common import bank


def _md5(payload: bytes) -> str:
    return hashlib.md5(payload).hexdigest()  # noqa: S324 - DVC's content address, not security


@dataclass(frozen=True)
class DataVersions:
    """What the data-versions demo computed: the hash of each version and the pointer file."""

    changed_cells: int
    v1: str  # md5 of the data set
    regenerated: str  # md5 of the same data generated again (same seed)
    edited: str  # md5 after editing `changed_cells` cells
    pointer: dict  # the .dvc file's content
    pointer_text: str  # the .dvc file as written (YAML)

    @property
    def same(self) -> bool:
        return self.v1 == self.regenerated

    @property
    def changed(self) -> bool:
        return self.v1 != self.edited

    @property
    def claim_held(self) -> bool:
        return bool(
            self.same
            and self.changed == (self.changed_cells > 0)
            and yaml.safe_load(self.pointer_text) == self.pointer
        )


def compute_data_versions(seed: int, changed_cells: int) -> DataVersions:
    """Content hashes of data set versions, as DVC computes them (md5 of the file's bytes)."""
    v1 = bank(3_000, seed).to_csv(index=False).encode()
    again = generate(n_rows=3_000, seed=seed).to_csv(index=False).encode()
    edited = bank(3_000, seed).copy()
    rows = np.random.default_rng(seed).choice(len(edited), size=changed_cells, replace=False)
    edited.loc[edited.index[rows], "Balance"] += 1.0
    pointer = {
        "outs": [{"md5": _md5(v1), "size": len(v1), "hash": "md5", "path": "Churn_Modelling.csv"}]
    }
    return DataVersions(
        changed_cells=changed_cells,
        v1=_md5(v1),
        regenerated=_md5(again),
        edited=_md5(edited.to_csv(index=False).encode()),
        pointer=pointer,
        pointer_text=yaml.safe_dump(pointer, sort_keys=False),
    )


def present_data_versions(found: DataVersions) -> DemoResult:
    hashes = {
        "v1": found.v1,
        "v1 regenerated": found.regenerated,
        f"v2 ({found.changed_cells} cells edited)": found.edited,
    }
    return DemoResult(
        claim_held=found.claim_held,
        metrics={"identical content, same hash": found.same, "edited, new hash": found.changed},
        tables={"Versions": pd.DataFrame({"version": list(hashes), "md5": list(hashes.values())})},
        notes=[
            "DVC stores the data in a content-addressed cache and commits only this small "
            "pointer file to git: `git checkout` + `dvc checkout` restores the exact bytes a "
            "model was trained on.",
            "The hash is of the bytes: one edited cell is a new version; re-generating the same "
            "content (same seed) is the same version.",
        ],
        extra={"Churn_Modelling.csv.dvc": found.pointer_text},
    )


def data_versions(seed: int = 42, changed_cells: int = 1) -> DemoResult:
    """Content hashes of data set versions, as DVC computes them (md5 of the file's bytes)."""
    return present_data_versions(compute_data_versions(seed, changed_cells))
