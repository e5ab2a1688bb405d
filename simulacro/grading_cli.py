"""`python -m simulacro grade --question N [--json] < answer.txt`: grade one answer.

The answer is read from standard input (UTF-8; undecodable bytes are replaced, so a binary
paste gets a result, not a traceback). `--json` prints {"coverage", "covered", "missed",
"suggested_rating", "evidence"}; `evidence` maps each covered key point to the phrase that
matched and the span of the answer it matched ({"phrase", "start", "end", "text"},
character offsets into the answer as read). A key point the answer contradicts (it
affirms one of the point's `contradictions`, "escalo todo el dataset antes del split") is
missed, and only then the JSON also holds "contradicted", the same shape per point.
"""

from __future__ import annotations

import argparse
import json
import sys

from simulacro.answer_key import load_answer_key
from simulacro.bank import load_bank
from simulacro.grading import grade, scored_tally
from simulacro.grading_lexicon import default_lexicon


def _read_stdin() -> str:
    data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
    return data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m simulacro grade")
    parser.add_argument("--question", "-q", type=int, required=True, help="question number")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    bank = load_bank()
    questions = {q.number: q for q in bank.questions}
    key = load_answer_key(valid_numbers=list(questions))
    lexicon = default_lexicon()
    for problem in lexicon.problems:
        print(f"warning: {problem}", file=sys.stderr)
    entry = key.get(args.question)
    if entry is None or args.question not in questions:
        print(f"question {args.question}: no such question in the answer key", file=sys.stderr)
        return 2
    answer = _read_stdin()
    result = grade(answer, entry, questions[args.question].prompt, lexicon)
    if args.json:
        data = result.as_dict()
        data.pop("overrides")  # nothing to correct on the command line
        data.pop("details")  # the documented shape; `coverage` already leaves details out
        if not data["contradicted"]:
            data.pop("contradicted")
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    hits, total = scored_tally(result.covered, [p.label for p in entry.key_points], result.details)
    print(
        f"question {args.question}: {hits}/{total} key points "
        f"({result.coverage:.0%}), suggested rating: {result.suggested_rating}"
    )
    for point in entry.key_points:
        evidence = result.evidence.get(point.label)
        against = result.contradicted.get(point.label)
        tag = "  (project detail, not scored)" if point.detail else ""
        if against is not None:
            print(
                f"  [!] {point.label}{tag}  contradicted by “{against.text}” "
                f"({against.start}-{against.end})"
            )
        elif evidence is None:
            print(f"  [ ] {point.label}{tag}")
        else:
            print(
                f"  [x] {point.label}{tag}  <- “{evidence.text}” ({evidence.start}-{evidence.end})"
            )
    return 0
