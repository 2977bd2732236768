"""The CI security rules of shared/research/reliability.md §c, checked on the workflow files.

A pull request's code runs in check.yml: read-only token, no secrets, pinned actions. Only the
deploy job of deploy.yml may write (to Pages), and it runs no repository code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
GITHUB = REPO / ".github"
WORKFLOWS = GITHUB / "workflows"
CHECK = WORKFLOWS / "check.yml"
DEPLOY = WORKFLOWS / "deploy.yml"
PINNED = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)\s*(#.*)?$")


def load(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def code(path: Path) -> str:
    """The text of a workflow without its comment lines."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if not line.lstrip().startswith("#"))


def triggers(workflow: dict[Any, Any]) -> dict[str, Any]:
    """The `on:` mapping (PyYAML reads the key `on` as the boolean True)."""
    on = workflow.get("on", workflow.get(True))
    assert isinstance(on, dict)
    return on


def steps(workflow: dict[Any, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for name, job in workflow["jobs"].items():
        for step in job.get("steps", []):
            yield name, step


def test_the_workflows_are_all_known() -> None:
    assert sorted(p.name for p in WORKFLOWS.iterdir()) == ["check.yml", "deploy.yml"]


@pytest.mark.parametrize("path", [CHECK, DEPLOY], ids=lambda p: p.name)
def test_never_pull_request_target_nor_other_privileged_triggers(path: Path) -> None:
    text = code(path)
    for privileged in ("pull_request_target", "workflow_run", "issue_comment"):
        assert privileged not in text
    assert not set(triggers(load(path))) & {"pull_request_target", "workflow_run"}


@pytest.mark.parametrize("path", [CHECK, DEPLOY], ids=lambda p: p.name)
def test_top_level_permissions_are_read_only(path: Path) -> None:
    assert load(path)["permissions"] == {"contents": "read"}


@pytest.mark.parametrize("path", [CHECK, DEPLOY], ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_full_sha_with_its_version(path: Path) -> None:
    workflow = load(path)
    uses = [step["uses"] for _, step in steps(workflow) if "uses" in step]
    assert uses
    for action in uses:
        assert PINNED.match(action), f"{action} is not pinned to a 40-hex commit SHA"
    lines = [USES_LINE.match(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for match in filter(None, lines):
        comment = match.group(2) or ""
        assert re.fullmatch(r"# v\d+\.\d+\.\d+", comment), f"{match.group(1)}: {comment!r}"


@pytest.mark.parametrize("path", [CHECK, DEPLOY], ids=lambda p: p.name)
def test_checkouts_keep_no_token_and_jobs_have_timeouts(path: Path) -> None:
    workflow = load(path)
    for name, job in workflow["jobs"].items():
        assert isinstance(job.get("timeout-minutes"), int), name
    for _, step in steps(workflow):
        if step.get("uses", "").startswith("actions/checkout@"):
            assert step["with"]["persist-credentials"] is False


@pytest.mark.parametrize("path", [CHECK, DEPLOY], ids=lambda p: p.name)
def test_no_expression_is_interpolated_into_a_shell(path: Path) -> None:
    for _, step in steps(load(path)):
        assert "${{" not in step.get("run", ""), step


def test_check_has_no_secrets_and_asks_for_no_write() -> None:
    text = code(CHECK)
    assert "secrets." not in text
    assert "write" not in text
    workflow = load(CHECK)
    assert set(triggers(workflow)) == {"pull_request"}
    for job in workflow["jobs"].values():
        assert job.get("permissions", {"contents": "read"}) == {"contents": "read"}


def test_check_runs_the_validator_the_strict_build_and_the_tests() -> None:
    workflow = load(CHECK)
    assert workflow["concurrency"]["cancel-in-progress"] is True
    assert "github.event.pull_request.number" in workflow["concurrency"]["group"]
    runs = [step["run"] for _, step in steps(workflow) if "run" in step]
    assert "make install" in runs
    assert ".venv/bin/atelier check --format github --strict" in runs
    assert "NO_MKDOCS_2_WARNING=1 .venv/bin/mkdocs build --strict" in runs
    assert "make test" in runs
    python = [s for _, s in steps(workflow) if s.get("uses", "").startswith("actions/setup-")]
    assert {s["with"]["python-version"] for s in python} == {"3.11"}


def test_the_content_guard_reviews_against_the_base_branch_into_the_summary() -> None:
    job = load(CHECK)["jobs"]["content-guard"]
    checkout = job["steps"][0]
    assert checkout["uses"].startswith("actions/checkout@")
    assert checkout["with"]["fetch-depth"] == 0
    review = next(s for s in job["steps"] if "atelier review" in s.get("run", ""))
    assert review["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    assert '--base "origin/${BASE_REF}"' in review["run"]
    assert "GITHUB_STEP_SUMMARY" in review["run"]


def test_deploy_runs_only_for_main() -> None:
    workflow = load(DEPLOY)
    on = triggers(workflow)
    assert set(on) == {"push", "workflow_dispatch"}
    assert on["push"] == {"branches": ["main"]}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    for job in workflow["jobs"].values():
        # workflow_dispatch may be started on any branch: the jobs themselves refuse it.
        assert job["if"] == "github.ref == 'refs/heads/main'"


def test_only_the_deploy_job_can_write_and_it_runs_no_repository_code() -> None:
    workflow = load(DEPLOY)
    jobs = workflow["jobs"]
    assert set(jobs) == {"build", "deploy"}
    assert jobs["build"]["permissions"] == {"contents": "read"}
    deploy = jobs["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert not any("run" in step for step in deploy["steps"])
    writers = [
        name for name, job in jobs.items() if "write" in (job.get("permissions") or {}).values()
    ]
    assert writers == ["deploy"]
    build_uses = [s["uses"].split("@")[0] for s in jobs["build"]["steps"] if "uses" in s]
    assert build_uses[-1] == "actions/upload-pages-artifact"
    assert [s["run"] for s in jobs["build"]["steps"] if "run" in s] == ["make build"]


# -- the other files of .github and the pre-commit hooks ------------------------------------


def test_dependabot_updates_actions_and_pip_weekly() -> None:
    config = load(GITHUB / "dependabot.yml")
    ecosystems = {u["package-ecosystem"]: u for u in config["updates"]}
    assert set(ecosystems) == {"github-actions", "pip"}
    assert all(u["schedule"]["interval"] == "weekly" for u in ecosystems.values())


def owners(path: str) -> list[str]:
    """The owners of `path` by .github/CODEOWNERS (the last matching pattern wins)."""
    found: list[str] = []
    for line in (GITHUB / "CODEOWNERS").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pattern, *teams = line.split()
        anchored = pattern.lstrip("/")
        if (
            pattern == "*"
            or path == anchored
            or (anchored.endswith("/") and path.startswith(anchored))
        ):
            found = teams
    return found


@pytest.mark.parametrize(
    ("path", "team"),
    [
        ("mkdocs.yml", "mainteneurs"),
        ("pyproject.toml", "mainteneurs"),
        (".github/workflows/check.yml", "mainteneurs"),
        ("plugins/atelier/cli.py", "mainteneurs"),
        ("overrides/main.html", "mainteneurs"),
        ("docs/index.md", "mainteneurs"),
        ("README.md", "mainteneurs"),
        ("practices/dictee-negociee-6e.md", "relecteurs"),
        ("communities/atelier-lettres-nantes.md", "relecteurs"),
    ],
)
def test_codeowners(path: str, team: str) -> None:
    assert owners(path) == [f"@atelier-pratiques/{team}"]


def test_the_pre_commit_hook_checks_sheets_and_communities() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "atelier-check")
    assert hook["entry"] == "atelier check" and hook["language"] == "python"
    assert hook["pass_filenames"] is True
    files = re.compile(hook["files"])
    assert files.search("practices/debat.md") and files.search("communities/cdp/x.md")
    assert not files.search("docs/index.md") and not files.search("practices/photo.png")
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    local = [h for repo in config["repos"] if repo["repo"] == "local" for h in repo["hooks"]]
    assert all(h["entry"] == ".venv/bin/atelier check" for h in local)
    assert any(h["files"] == hook["files"] for h in local)
