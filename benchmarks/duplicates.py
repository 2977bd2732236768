"""Benchmark: near-duplicate detection at scale — index build and query times.

    python benchmarks/duplicates.py [--sheets 10000] [--queries 100]

Indexes N generated sheets (`corpus.write` then `knowledge.load`), then checks `--queries` new
sheets against them: half are sheets of another generated corpus (no duplicate expected), half
are edited copies of indexed sheets under a new id (reworded title, three misspelt words, a
sentence added: each must find its original first). Prints the build time (best of 3) and the
time of each query (mean, 95th percentile, max). Deterministic: fixed seeds.
Never run by the test suite.
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from atelier.core import knowledge
from atelier.core.duplicates import DuplicateIndex, Match
from atelier.core.model import Sheet

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus


def _sheets(root: Path, count: int, seed: int) -> list[Sheet]:
    corpus.write(root, count, seed=seed)
    kb, _ = knowledge.load(root)
    return kb.published


def _copy(sheet: Sheet, rng: random.Random) -> Sheet:
    body = sheet.body.split(" ")
    for _ in range(3):
        i = rng.randrange(len(body))
        body[i] += "s"
    return dataclasses.replace(
        sheet,
        id=f"{sheet.id}-copie",
        title="Reprise : " + sheet.title.partition(":")[2].strip(),
        body=" ".join(body) + "\nUne phrase ajoutée à la fin de la copie.\n",
    )


def main() -> None:
    """Build the index, run the queries and print the times."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--sheets", type=int, default=10000)
    parser.add_argument("--queries", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        existing = _sheets(Path(tmp) / "existing", args.sheets, seed=7)
        fresh = _sheets(Path(tmp) / "new", args.queries - args.queries // 2, seed=8)
        generated = time.perf_counter() - start
    fresh = [dataclasses.replace(sheet, id=f"nouvelle-{sheet.id}") for sheet in fresh]
    rng = random.Random(13)
    originals = rng.sample(existing, args.queries // 2)
    copies = [_copy(sheet, rng) for sheet in originals]

    builds = []
    for _ in range(3):
        start = time.perf_counter()
        index = DuplicateIndex(existing)
        builds.append(time.perf_counter() - start)

    times: list[float] = []
    results: list[list[Match]] = []
    for sheet in [*fresh, *copies]:
        start = time.perf_counter()
        results.append(index.matches(sheet))
        times.append(time.perf_counter() - start)

    found_fresh = sum(bool(found) for found in results[: len(fresh)])
    copy_results = results[len(fresh) :]
    found_copies = sum(
        bool(found) and found[0].id == original.id
        for found, original in zip(copy_results, originals, strict=True)
    )
    copy_scores = [found[0].score for found in copy_results if found]
    ordered = sorted(times)
    print(f"sheets indexed: {len(existing)} (generated and loaded in {generated:.1f} s)")
    runs = ", ".join(f"{b:.2f}" for b in builds)
    print(f"index build: {min(builds):.2f} s (best of 3; runs: {runs})")
    print(
        f"queries: {len(times)}, per query: mean {statistics.mean(times) * 1000:.1f} ms, "
        f"p95 {ordered[int(0.95 * (len(ordered) - 1))] * 1000:.1f} ms, "
        f"max {ordered[-1] * 1000:.1f} ms; total {sum(times):.2f} s"
    )
    print(f"new sheets reported as duplicates: {found_fresh}/{len(fresh)} (expected 0)")
    print(
        f"edited copies finding their original first: {found_copies}/{len(copies)}"
        + (f", scores {min(copy_scores):.2f}–{max(copy_scores):.2f}" if copy_scores else "")
    )


if __name__ == "__main__":
    main()
