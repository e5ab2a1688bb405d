"""The team (questions 112, 114): time-zone overlap of a remote team, and a RACI matrix of
data scientists and ML engineers, checked."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from projects.demo import DemoResult

TEAM = {  # member: UTC offset in hours
    "Madrid": 1,
    "Lisbon": 0,
    "Bogotá": -5,
    "Mexico City": -6,
    "Bangalore": 5.5,
}


def _clock(hours: float) -> str:
    hours %= 24
    return f"{int(hours):02d}:{int(round(hours % 1 * 60)):02d}"


def _hours(offset: float, start: int, end: int) -> set[float]:
    """The member's working hours as UTC half-hour slots of one day."""
    slots = set()
    for half in range(start * 2, end * 2):
        slots.add(((half / 2) - offset) % 24)
    return slots


def overlap_minutes(members: list[str], start_hour: int, end_hour: int) -> int:
    """Minutes of a UTC day when every member is at work, by brute force over the minutes."""
    return sum(
        all(start_hour * 60 <= (minute + TEAM[m] * 60) % 1440 < end_hour * 60 for m in members)
        for minute in range(24 * 60)
    )


@dataclass(frozen=True)
class Overlap:
    """What the remote-team demo computed: the shared UTC half-hours, checked minute by minute."""

    members: tuple[str, ...]
    start_hour: int
    end_hour: int
    shared_slots: tuple[float, ...]  # UTC half-hour slots when everybody works, sorted
    brute_force_minutes: int  # the same overlap counted minute by minute

    @property
    def shared_hours(self) -> float:
        return len(self.shared_slots) / 2

    @property
    def mode(self) -> str:
        return "sync" if self.shared_hours >= 2 else "async"  # a live stand-up or a written one

    @property
    def claim_held(self) -> bool:
        return abs(self.brute_force_minutes / 60 - self.shared_hours) < 0.5


def compute_remote_overlap(members: tuple[str, ...], start_hour: int, end_hour: int) -> Overlap:
    chosen = [m for m in members if m in TEAM] or ["Madrid"]
    shared = set.intersection(*(_hours(TEAM[m], start_hour, end_hour) for m in chosen))
    return Overlap(
        members=tuple(chosen),
        start_hour=start_hour,
        end_hour=end_hour,
        shared_slots=tuple(sorted(shared)),
        brute_force_minutes=overlap_minutes(chosen, start_hour, end_hour),
    )


def present_remote_overlap(found: Overlap) -> DemoResult:
    window = found.shared_slots
    start, end = found.start_hour, found.end_hour
    rows = [
        {
            "member": m,
            "UTC offset": TEAM[m],
            "works (UTC)": f"{_clock(start - TEAM[m])}–{_clock(end - TEAM[m])}",
        }
        for m in found.members
    ]
    return DemoResult(
        claim_held=bool(found.claim_held),
        metrics={"shared hours": found.shared_hours, "stand-up": found.mode},
        tables={"Team": pd.DataFrame(rows)},
        notes=[
            f"Shared window: {_clock(window[0])}–{_clock(window[-1] + 0.5)} UTC."
            if window
            else "No hour is shared by everybody.",
            "Async first: decisions and status in writing (ADRs, PR descriptions, a weekly "
            "update), so nobody needs to be awake for them; the shared hours are kept for what "
            "needs a conversation (design reviews, 1:1s, incidents).",
        ],
    )


def remote_overlap(
    members: tuple[str, ...] = ("Madrid", "Lisbon", "Bogotá"),
    start_hour: int = 9,
    end_hour: int = 18,
) -> DemoResult:
    """Hours when everybody is at work, and which rituals go synchronous or asynchronous."""
    return present_remote_overlap(compute_remote_overlap(members, start_hour, end_hour))


# ==================================================== 112: DS and ML engineers, a RACI matrix
DEFAULT_RACI = """activity, data scientist, ML engineer, product owner
problem framing and metric, R, C, A
feature exploration, A, C, I
training pipeline, C, A, I
serving API, I, A, C
monitoring and retraining, C, A, I
model card, A, R, C"""


def check_raci(matrix: str) -> tuple[list[dict[str, str]], list[dict[str, object]]]:
    """(rows, problems) of a RACI matrix written as CSV: exactly one Accountable per
    activity, someone doing the work, only the letters R, A, C, I."""
    lines = [line for line in matrix.splitlines() if line.strip()]
    if not lines:
        return [], [{"line": 1, "problem": "empty matrix: a header line and one line per activity"}]
    roles = [c.strip() for c in lines[0].split(",")][1:]
    rows, problems = [], []
    for number, line in enumerate(lines[1:], start=2):
        cells = [c.strip().upper() for c in line.split(",")]
        activity, letters = cells[0].lower(), cells[1:]
        if len(letters) != len(roles):
            problems.append(
                {"line": number, "problem": f"{len(letters)} cells for {len(roles)} roles"}
            )
            continue
        unknown = [c for c in letters if c not in {"R", "A", "C", "I", "A/R", "R/A", ""}]
        if unknown:
            problems.append(
                {"line": number, "problem": f"unknown letters {unknown} (use R, A, C, I)"}
            )
        accountable = sum("A" in c for c in letters)
        if accountable != 1:
            problems.append(
                {
                    "line": number,
                    "problem": f"{activity}: {accountable} Accountable (needs exactly 1)",
                }
            )
        if not any("R" in c or "A" in c for c in letters):
            problems.append({"line": number, "problem": f"{activity}: nobody does the work (no R)"})
        rows.append({"activity": activity, **dict(zip(roles, letters, strict=True))})
    return rows, problems


@dataclass(frozen=True)
class RaciCheck:
    """What the RACI demo computed: the rows and problems of the matrix, and the controls."""

    rows: tuple[dict[str, str], ...]
    problems: tuple[dict[str, object], ...]
    sample_problems: int  # problems in DEFAULT_RACI: must be 0
    two_accountable_problems: int  # DEFAULT_RACI with two Accountable on one line: must be 1

    @property
    def claim_held(self) -> bool:
        return self.sample_problems == 0 and self.two_accountable_problems == 1


def compute_raci_matrix(matrix: str) -> RaciCheck:
    rows, problems = check_raci(matrix)
    _, sample = check_raci(DEFAULT_RACI)
    _, broken = check_raci(DEFAULT_RACI.replace("serving API, I, A, C", "serving API, A, A, C"))
    return RaciCheck(tuple(rows), tuple(problems), len(sample), len(broken))


def present_raci_matrix(found: RaciCheck) -> DemoResult:
    return DemoResult(
        claim_held=bool(found.claim_held),
        metrics={"activities": len(found.rows), "problems": len(found.problems)},
        tables={
            "RACI": pd.DataFrame(list(found.rows)),
            "Problems": pd.DataFrame(list(found.problems), columns=["line", "problem"]),
        },
        notes=[
            "Data scientists own the question, the metric and the experiments; ML engineers "
            "own the pipeline, serving and monitoring; the hand-off is a reviewed pipeline, "
            "not a notebook. One Accountable per activity avoids 'I thought you had it'.",
        ],
    )


def raci_matrix(matrix: str = DEFAULT_RACI) -> DemoResult:
    """Check who is Responsible, Accountable, Consulted, Informed for each ML activity."""
    return present_raci_matrix(compute_raci_matrix(matrix))
