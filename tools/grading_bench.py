"""Benchmark plug-in of the answer grader (listed in `tools.bench.BENCH_PLUGINS`).

`bench()` returns {"grading": {...}}:
- `per_answer_ms`: median and p95 time to grade one answer, over every labelled answer of
  tests/grading_eval/ (dev and its splits) and every model answer of the bank, key phrases
  already compiled (target <= 20 ms); `first_pass_per_answer_ms`: the same pass before
  that, which also compiles each question's key phrases the first time it is graded;
- `cold_first_answer_ms`: the first call of the process (lexicon read, phrases compiled);
- `answer_100kb_ms`: one 100 KB paste (bounded: answers are graded on their first
  `simulacro.grading.MAX_ANSWER_CHARS` characters);
- `eval`, `eval_heldout`, `eval_blind`, `eval_fresh`: the headline figures of `python -m
  simulacro grading-eval --split` (dev set, held-out, blind and fresh splits).
"""

from __future__ import annotations

import statistics
import time

TARGET_PER_ANSWER_MS = 20.0


def _ms(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def bench() -> dict:
    from simulacro import grading_eval
    from simulacro.answer_key import load_answer_key
    from simulacro.bank import load_bank
    from simulacro.grading import grade, model_answer_text

    bank = load_bank()
    questions = {q.number: q for q in bank.questions}
    key = load_answer_key(valid_numbers=list(questions))
    items, _ = grading_eval.load_items()
    split_dirs = {name: grading_eval.EVAL_DIR / name for name in grading_eval.SPLITS}
    for folder in split_dirs.values():
        items += grading_eval.load_items(folder)[0]
    cases = [
        (i.answer, i.question) for i in items if key.get(i.question) and i.question in questions
    ]
    cases += [(model_answer_text(q), q.number) for q in bank.questions if key.get(q.number)]
    first_answer, first_number = cases[0]
    cold = _ms(lambda: grade(first_answer, key.get(first_number), questions[first_number].prompt))

    def one_pass() -> list[float]:
        return sorted(
            _ms(lambda a=answer, n=number: grade(a, key.get(n), questions[n].prompt))
            for answer, number in cases
        )

    first_pass = one_pass()  # includes compiling each question's key phrases once
    timings = one_pass()
    big = "Hago el split antes de cualquier fit y escalo dentro del Pipeline. " * 1500
    big_ms = _ms(lambda: grade(big, key.get(1), questions[1].prompt))
    report = grading_eval.run()
    median = statistics.median(timings)
    p95 = timings[int(0.95 * (len(timings) - 1))]
    return {
        "grading": {
            "answers_timed": len(timings),
            "per_answer_ms": {"median": round(median, 3), "p95": round(p95, 3)},
            "first_pass_per_answer_ms": {
                "median": round(statistics.median(first_pass), 3),
                "p95": round(first_pass[int(0.95 * (len(first_pass) - 1))], 3),
            },
            "target_per_answer_ms": TARGET_PER_ANSWER_MS,
            "meets_target": p95 <= TARGET_PER_ANSWER_MS,
            "cold_first_answer_ms": round(cold, 1),
            "answer_100kb_ms": round(big_ms, 1),
            "eval": grading_eval.summary(report),
            **{
                f"eval_{name}": grading_eval.summary(grading_eval.run(folder))
                for name, folder in split_dirs.items()
                if folder.is_dir()
            },
        }
    }


if __name__ == "__main__":
    import json

    print(json.dumps(bench(), indent=2))
