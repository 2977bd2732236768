"""Benchmark: this repository's site with N generated sheets, against plain mkdocs-material.

    python benchmarks/build.py [--sheets 1000,10000] [--out bench-results/bench.json]
                               [--profile] [--no-search] [--no-warm] [--pairs 3]

For each N, two sites are built in a temporary folder, each in a fresh `mkdocs build` process
(wall time, CPU time and peak memory of that process and its children, SOURCE_DATE_EPOCH set).
Cold builds come in pairs, plain then Atelier, three pairs by default (`--pairs`): this
machine's speed drifts by ±10 % within minutes, so the ratio is the median of the pairs' ratios
and each wall time the median of its runs (every pair is printed and kept in the report):

- Atelier: a copy of what ships (mkdocs.yml, docs/, overrides/, practices/, communities/,
  workshops/) plus N sheets from corpus.py in practices/; built cold (no cache: a fresh copy),
  then again on the unchanged tree (warm: the build cache the cold build left in the copy's
  .cache/atelier/), then once more after one sheet is edited. The plugin writes its stage
  times to $ATELIER_TIMINGS. Then `make serve` in small: a served build, one sheet saved, the
  time until its page is rebuilt and until the search index (in the background) follows.
- plain Material: the same sheet files in docs/practices/ (not in the nav), the same
  `markdown_extensions` read from mkdocs.yml, `theme.font` as shipped, Material's search plugin.

Then: the output size, the mean bytes of a sheet page, the related-sheets ranking time (best of
3, in this process), and the first-search payload (benchmarks/search.py, in chromium).
`--profile` adds a pyinstrument-profiled Atelier build of the largest N (text profile next to
the report). Writes a JSON report and a PNG plot of build time against N. Run by `make bench`.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus

REPO = Path(__file__).resolve().parents[1]
SHIPPED = ("mkdocs.yml", "docs", "overrides", "practices", "communities", "workshops")
# The targets (issue 9, "Fast at scale").
TARGETS = {
    "cold ratio to plain": 1.25,
    "peak memory MB": 1024,
    "time growth (largest / smallest N)": 1.1,  # x the ratio of the N values: 11 for 10x
    "bytes per sheet page growth": 0.10,
    "related s": 1.0,
    "first search KB": 300,
    "warm / plain cold": 0.35,
    "preview: page after a save s": 3.0,
}

# A fresh process runs the build as its own child: its rusage is then that build's alone
# (peak RSS is the largest of mkdocs and the Pagefind process it waits for, not their sum).
_RUNNER = """
import json, resource, subprocess, sys, time
start = time.perf_counter()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
wall = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"returncode": done.returncode, "wall": wall, "maxrss_kb": usage.ru_maxrss,
                  "cpu": usage.ru_utime + usage.ru_stime, "stderr": done.stderr[-3000:]}))
"""


# `mkdocs serve` as `make serve` runs it (privacy rules on), in a fresh process: its first
# build, then the rebuild after one sheet is saved (the time until the page is updated), and when
# the search index that follows in the background is in place.
_PREVIEW = r"""
import json, pathlib, sys, time
from mkdocs.commands.build import build
from mkdocs.config import load_config
config_file, site, sheet = sys.argv[1:4]
url = "http://127.0.0.1:8000/"
def get_config():
    cfg = load_config(config_file, site_dir=site)
    cfg.site_url = url
    return cfg
cfg = get_config()
cfg.plugins.on_startup(command="serve", dirty=False)
plugin = cfg.plugins["atelier"]
def wait_index():
    if plugin.preview_index is not None:
        plugin.preview_index.finished.wait(1200)
start = time.perf_counter()
build(cfg, serve_url=url)
first = time.perf_counter() - start
wait_index()
path = pathlib.Path(sheet)
marker = "Une phrase enregistrée pendant l'aperçu."
path.write_text(path.read_text("utf-8") + "\n" + marker + "\n", "utf-8")
start = time.perf_counter()
build(get_config(), serve_url=url)
rebuilt = time.perf_counter() - start
page = pathlib.Path(site, "practices", path.stem, "index.html").read_text("utf-8")
wait_index()
indexed = time.perf_counter() - start
cfg.plugins.on_shutdown()
print(json.dumps({"first_build_s": round(first, 3), "page_after_save_s": round(rebuilt, 3),
                  "page_updated": marker in page, "index_after_save_s": round(indexed, 3)}))
"""


class _Loader(yaml.SafeLoader):
    """mkdocs.yml may hold tags (!ENV, !!python/name:...): read them as plain values."""


_Loader.add_multi_constructor("", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)


def shipped_config() -> dict[str, Any]:
    """This repository's mkdocs.yml."""
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=_Loader) or {}


def atelier_site(root: Path, count: int) -> Path:
    """A copy of the shipped site plus `count` generated sheets (and their communities)."""
    root.mkdir(parents=True)
    for name in SHIPPED:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        elif source.is_file():
            shutil.copy2(source, root / name)
    corpus.write(root, count)
    return root / "mkdocs.yml"


def plain_site(root: Path, sheets: Path, shipped: dict[str, Any]) -> Path:
    """The same sheet files as plain Material pages (front matter read by MkDocs)."""
    docs = root / "docs"
    shutil.copytree(sheets, docs / "practices")
    (docs / "index.md").write_text("# Accueil\n", encoding="utf-8")
    theme_shipped = shipped.get("theme") or {}
    theme: dict[str, Any] = {"name": "material", "language": theme_shipped.get("language", "en")}
    if "font" in theme_shipped:
        theme["font"] = theme_shipped["font"]
    config = {
        "site_name": "Bench",
        "docs_dir": "docs",
        "theme": theme,
        "plugins": ["search"],
        "nav": ["index.md"],
        "not_in_nav": "/practices/",
        "markdown_extensions": shipped.get("markdown_extensions", []),
    }
    path = root / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def _epoch() -> str:
    """SOURCE_DATE_EPOCH: the caller's, else the last commit's time."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    done = subprocess.run(["git", "-C", str(REPO), "log", "-1", "--format=%ct"],
                          capture_output=True, text=True, check=False)  # fmt: skip
    return done.stdout.strip() or "1735689600"


def _build_env(**extra: str) -> dict[str, str]:
    """The environment of a measured build: SOURCE_DATE_EPOCH set, no stage times unless asked,
    the site's own .cache/atelier (cold in a fresh copy)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": _epoch(), "NO_MKDOCS_2_WARNING": "1", **extra}
    env.pop("ATELIER_TIMINGS", None)
    env.pop("ATELIER_CACHE_DIR", None)
    return env


def run_build(config: Path, site: Path, timings: Path | None = None,
              profile: Path | None = None) -> dict[str, Any]:  # fmt: skip
    """`mkdocs build` in a fresh process: wall and CPU seconds, peak memory (MB)."""
    env = _build_env()
    if timings is not None:
        env["ATELIER_TIMINGS"] = str(timings)
    build = ["-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]
    if profile is not None:
        build = ["-m", "pyinstrument", "-r", "pyisession", "-o", str(profile), *build]
    done = subprocess.run(
        [sys.executable, "-c", _RUNNER, sys.executable, *build],
        cwd=config.parent, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    result = json.loads(done.stdout)
    if result["returncode"] != 0:
        raise SystemExit(f"build of {config} failed:\n{result['stderr']}")
    stages = json.loads(timings.read_text(encoding="utf-8"))["seconds"] if timings else {}
    return {
        "wall_s": round(result["wall"], 3),
        "cpu_s": round(result["cpu"], 3),
        "peak_mb": round(result["maxrss_kb"] / 1024, 1),
        "stages_s": stages,
    }


def preview_time(config: Path, site: Path, sheet: Path) -> dict[str, Any]:
    """`make serve`'s rebuild after one sheet is saved (see _PREVIEW)."""
    env = _build_env(ATELIER_PRIVACY="rules")  # as `make serve` sets it
    done = subprocess.run(
        [sys.executable, "-c", _PREVIEW, str(config), str(site), str(sheet)],
        cwd=config.parent, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        return {"error": done.stderr[-2000:]}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def output_sizes(site: Path, sheet_ids: list[str]) -> dict[str, Any]:
    """Bytes of site/, and the mean bytes of a sheet page (practices/<id>/index.html)."""
    total = sum(f.stat().st_size for f in site.rglob("*") if f.is_file())
    pages = [site / "practices" / i / "index.html" for i in sheet_ids]
    sizes = [p.stat().st_size for p in pages if p.is_file()]
    return {
        "site_bytes": total,
        "sheet_pages": len(sizes),
        "bytes_per_sheet_page": round(sum(sizes) / len(sizes)) if sizes else None,
    }


def stage_summary(stages: dict[str, float]) -> dict[str, float]:
    """The issue's stages from the plugin's timings (rendering = Markdown + sanitize + templates;
    search index = its records + the wait for Pagefind at the end)."""

    def total(*prefixes: str) -> float:
        return round(sum(v for k, v in stages.items() if k.startswith(prefixes)), 3)

    return {
        "reading and validation": total("reading"),
        "related": total("related"),
        "generated pages": total("generated"),
        "rendering": total("rendering"),
        "search index": total("search index"),
        "exports": total("exports"),
    }


def related_time(config: Path) -> dict[str, float]:
    """Ranking the related sheets of the whole site, best of 3 (and with explanations)."""
    from atelier.core import knowledge, related
    from atelier.core.settings import Settings

    kb, _ = knowledge.load(Settings.from_config_file(config))

    def timed(explain: bool) -> float:
        start = time.perf_counter()
        related.compute(kb, explain=explain)
        return time.perf_counter() - start

    return {
        "ranking_s": round(min(timed(False) for _ in range(3)), 3),
        "with_explanations_s": round(min(timed(True) for _ in range(3)), 3),
    }


def first_search(site: Path, query: str) -> dict[str, Any]:
    """Bytes a reader fetches for a first search (benchmarks/search.py, in chromium)."""
    try:
        import search

        search_bytes, page_bytes, requests = search._transfer(site, query)
    except Exception as error:  # a benchmark reports what it could not measure
        return {"error": f"{type(error).__name__}: {str(error)[:200]}"}
    return {
        "query": query,
        "search_kb": round(search_bytes / 1024, 1),
        "page_kb": round(page_bytes / 1024, 1),
        "total_kb": round((search_bytes + page_bytes) / 1024, 1),
        "requests": requests,
    }


def render_profile(session: Path, out: Path) -> None:
    """The call tree (library frames folded) then the 40 costliest functions by own time."""
    from pyinstrument.renderers import ConsoleRenderer
    from pyinstrument.session import Session

    loaded = Session.load(str(session))
    tree = ConsoleRenderer(unicode=True, short_mode=False).render(loaded)
    flat = ConsoleRenderer(unicode=True, flat=True).render(loaded)
    head = "\n".join(flat.splitlines()[:60])
    out.write_text(f"{tree}\n\n=== Functions by own time (flat) ===\n{head}\n", "utf-8")


def bench_one(count: int, tmp: Path, args: argparse.Namespace, profile_to: Path | None) -> dict:
    """Both sites at `count` sheets."""
    shipped = shipped_config()
    atelier_config = atelier_site(tmp / "atelier", count)
    sheet_ids = sorted(p.stem for p in (tmp / "atelier" / "practices").glob("*.md"))
    plain_config = plain_site(tmp / "plain", tmp / "atelier" / "practices", shipped)
    print(f"[{count}] plain Material build…", flush=True)
    plain = run_build(plain_config, tmp / "plain" / "site")
    plain |= output_sizes(tmp / "plain" / "site", sheet_ids)
    print(f"[{count}] Atelier cold build…", flush=True)
    site = tmp / "atelier" / "site"
    cold = run_build(atelier_config, site, tmp / "timings-cold.json")
    cold |= output_sizes(site, sheet_ids)
    cold["stages_summary_s"] = stage_summary(cold["stages_s"])
    # The machine's speed drifts by ±10 % from one minute to the next: the cold builds are
    # measured in pairs (plain, then Atelier), and the ratio is the median of the pairs'.
    pairs = [(plain["wall_s"], cold["wall_s"])]
    for n in range(2, args.pairs + 1):
        print(f"[{count}] pair {n}: plain, then Atelier cold…", flush=True)
        shutil.rmtree(tmp / "plain" / "site")
        again = run_build(plain_config, tmp / "plain" / "site")["wall_s"]
        shutil.rmtree(site)
        shutil.rmtree(tmp / "atelier" / ".cache", ignore_errors=True)  # cold again
        pairs.append((again, run_build(atelier_config, site)["wall_s"]))
    shutil.rmtree(tmp / "plain")
    plain["wall_runs_s"], cold["wall_runs_s"] = [p for p, _ in pairs], [a for _, a in pairs]
    plain["wall_s"] = round(statistics.median(plain["wall_runs_s"]), 3)
    cold["wall_s"] = round(statistics.median(cold["wall_runs_s"]), 3)
    result: dict[str, Any] = {"sheets": count, "sheet_files": len(sheet_ids), "plain": plain,
                              "atelier_cold": cold}  # fmt: skip
    if args.warm:
        print(f"[{count}] Atelier warm build (unchanged tree)…", flush=True)
        warm = run_build(atelier_config, site, tmp / "timings-warm.json")
        warm["stages_summary_s"] = stage_summary(warm["stages_s"])
        result["atelier_warm"] = warm
        print(f"[{count}] Atelier rebuild after one sheet is edited…", flush=True)
        edited = tmp / "atelier" / "practices" / f"{sheet_ids[len(sheet_ids) // 2]}.md"
        edited.write_text(edited.read_text("utf-8") + "\nUne phrase ajoutée.\n", "utf-8")
        edit = run_build(atelier_config, site, tmp / "timings-edit.json")
        edit["stages_summary_s"] = stage_summary(edit["stages_s"])
        result["atelier_one_edit"] = edit
        print(f"[{count}] make serve: one sheet saved…", flush=True)
        saved = tmp / "atelier" / "practices" / f"{sheet_ids[len(sheet_ids) // 3]}.md"
        result["preview"] = preview_time(atelier_config, tmp / "atelier" / "site-serve", saved)
    result["pair_ratios"] = [round(a / p, 3) for p, a in pairs]
    result["ratio_cold_to_plain"] = round(statistics.median(result["pair_ratios"]), 3)
    print(f"[{count}] related ranking…", flush=True)
    result["related"] = related_time(atelier_config)
    if args.search:
        print(f"[{count}] first search in chromium…", flush=True)
        result["first_search"] = first_search(site, args.query)
    if profile_to is not None:
        print(f"[{count}] profiled Atelier build (pyinstrument)…", flush=True)
        session = tmp / "profile.pyisession"
        shutil.rmtree(site)
        profiled = run_build(atelier_config, site, tmp / "timings-profiled.json", session)
        render_profile(session, profile_to)
        result["profiled"] = {"wall_s": profiled["wall_s"], "file": str(profile_to)}
    shutil.rmtree(tmp / "atelier")
    return result


def targets(runs: list[dict]) -> dict[str, dict[str, Any]]:
    """Where the largest N stands against the issue's targets."""
    big, small = runs[-1], runs[0]
    cold, plain = big["atelier_cold"], big["plain"]
    found: dict[str, Any] = {
        "cold ratio to plain": big["ratio_cold_to_plain"],
        "peak memory MB": cold["peak_mb"],
        "related s": big["related"]["ranking_s"],
        "first search KB": big.get("first_search", {}).get("total_kb"),
    }
    if "atelier_warm" in big:
        found["warm / plain cold"] = round(big["atelier_warm"]["wall_s"] / plain["wall_s"], 3)
    if big.get("preview", {}).get("page_updated"):
        found["preview: page after a save s"] = big["preview"]["page_after_save_s"]
    if len(runs) > 1:
        growth = cold["wall_s"] / small["atelier_cold"]["wall_s"]
        found["time growth (largest / smallest N)"] = round(growth, 2)
        before, after = small["atelier_cold"]["bytes_per_sheet_page"], cold["bytes_per_sheet_page"]
        found["bytes per sheet page growth"] = round(after / before - 1, 3)
    report = {}
    for name, limit in TARGETS.items():
        if name.startswith("time growth"):
            limit = round(limit * big["sheets"] / small["sheets"], 2)
        value = found.get(name)
        report[name] = {"value": value, "target": limit,
                        "met": None if value is None else value <= limit}  # fmt: skip
    return report


def plot(runs: list[dict], path: Path) -> None:
    """Build time against N: Atelier cold and warm, plain Material."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    counts = [r["sheets"] for r in runs]
    fig, ax = plt.subplots(figsize=(7, 4.5))
    ax.plot(counts, [r["plain"]["wall_s"] for r in runs], "o-", label="plain mkdocs-material")
    ax.plot(counts, [r["atelier_cold"]["wall_s"] for r in runs], "s-", label="Atelier, cold")
    if all("atelier_warm" in r for r in runs):
        ax.plot(counts, [r["atelier_warm"]["wall_s"] for r in runs], "^--", label="Atelier, warm")
    ax.set_xlabel("sheets (N)")
    ax.set_ylabel("build wall time (s)")
    ax.set_title("Build time against N")
    ax.grid(True, alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def print_table(runs: list[dict], report: dict[str, dict[str, Any]]) -> None:
    """A readable summary of every run and of the targets."""

    def row(label: str, values: list[Any]) -> None:
        print(f"{label:<34}" + "".join(f"{v:>14}" for v in values))

    def get(run: dict, *keys: str) -> Any:
        value: Any = run
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        return "-" if value is None else value

    row("sheets (N)", [r["sheets"] for r in runs])
    row("plain Material wall s", [get(r, "plain", "wall_s") for r in runs])
    row("Atelier cold wall s", [get(r, "atelier_cold", "wall_s") for r in runs])
    row("Atelier warm wall s", [get(r, "atelier_warm", "wall_s") for r in runs])
    row("Atelier one sheet edited wall s", [get(r, "atelier_one_edit", "wall_s") for r in runs])
    row("make serve: page after a save s", [get(r, "preview", "page_after_save_s") for r in runs])
    row("  search index after the save s", [get(r, "preview", "index_after_save_s") for r in runs])
    row("  first serve build s", [get(r, "preview", "first_build_s") for r in runs])
    row("ratio cold / plain (median)", [r["ratio_cold_to_plain"] for r in runs])
    for n in range(max(len(r.get("pair_ratios", [])) for r in runs)):
        pairs = [(r["plain"]["wall_runs_s"][n], r["atelier_cold"]["wall_runs_s"][n],
                  r["pair_ratios"][n]) if n < len(r.get("pair_ratios", [])) else None
                 for r in runs]  # fmt: skip
        row(
            f"  pair {n + 1}: plain / Atelier s",
            [f"{p[0]:.1f}/{p[1]:.1f}" if p else "-" for p in pairs],
        )
        row(f"  pair {n + 1}: ratio", [p[2] if p else "-" for p in pairs])
    row("plain CPU s", [get(r, "plain", "cpu_s") for r in runs])
    row("Atelier cold CPU s", [get(r, "atelier_cold", "cpu_s") for r in runs])
    row("plain peak MB", [get(r, "plain", "peak_mb") for r in runs])
    row("Atelier peak MB", [get(r, "atelier_cold", "peak_mb") for r in runs])
    row("plain site MB", [round(r["plain"]["site_bytes"] / 1e6, 1) for r in runs])
    row("Atelier site MB", [round(r["atelier_cold"]["site_bytes"] / 1e6, 1) for r in runs])
    row("plain bytes / sheet page", [get(r, "plain", "bytes_per_sheet_page") for r in runs])
    sizes = [get(r, "atelier_cold", "bytes_per_sheet_page") for r in runs]
    row("Atelier bytes / sheet page", sizes)
    for stage in stage_summary({}):
        values = [get(r, "atelier_cold", "stages_summary_s", stage) for r in runs]
        row(f"  stage: {stage} s", values)
    row("related ranking s (best of 3)", [get(r, "related", "ranking_s") for r in runs])
    row("  with explanations s", [get(r, "related", "with_explanations_s") for r in runs])
    row("first search KB (total)", [get(r, "first_search", "total_kb") for r in runs])
    row("  of which search files KB", [get(r, "first_search", "search_kb") for r in runs])
    print(f"\nTargets (at N = {runs[-1]['sheets']}):")
    for name, item in report.items():
        status = {True: "met", False: "MISSED", None: "not measured"}[item["met"]]
        print(f"  {name:<46} {item['value']!s:>10}  (≤ {item['target']})  {status}")


def main() -> None:
    """Run every N, then write the report and the plot."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--sheets", default="1000,10000", help="comma-separated N values")
    parser.add_argument("--out", type=Path, default=REPO / "bench-results" / "bench.json")
    parser.add_argument("--query", default="consigne", help="the first search's word")
    parser.add_argument("--no-search", dest="search", action="store_false")
    parser.add_argument("--no-warm", dest="warm", action="store_false")
    parser.add_argument(
        "--pairs", type=int, default=3, help="cold builds of each site (the ratio: the median)"
    )
    parser.add_argument(
        "--profile", action="store_true", help="profile a build of the largest N too"
    )
    args = parser.parse_args()
    counts = sorted({int(n) for n in args.sheets.split(",") if n.strip()})
    args.out.parent.mkdir(parents=True, exist_ok=True)
    runs = []
    for count in counts:
        with tempfile.TemporaryDirectory(prefix="atelier-bench-") as tmp:
            profile_to = None
            if args.profile and count == counts[-1]:
                profile_to = args.out.parent / f"profile-{count}.txt"
            runs.append(bench_one(count, Path(tmp), args, profile_to))
    report = targets(runs)
    data = {"python": sys.version.split()[0], "cpus": os.cpu_count(),
            "load_average": os.getloadavg(), "runs": runs, "targets": report}  # fmt: skip
    args.out.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
    png = args.out.with_suffix(".png")
    plot(runs, png)
    print()
    print_table(runs, report)
    print(f"\nreport: {args.out}\nplot:   {png}")


if __name__ == "__main__":
    main()
