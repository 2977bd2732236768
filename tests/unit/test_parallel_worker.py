"""Two processes through one list (core/parallel.py): every item made once, by one of them, and
what comes back is what this process would have made; the readings of a site's sheets are the
same, with the same messages in the same order, whoever read them."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from atelier.core import knowledge, parallel
from atelier.core.settings import Settings
from conftest import Raw, sheet, write_files


def _made_here_and_there(
    keys: list[str], worker: parallel.Worker[str], make: Callable[[str], str]
) -> tuple[list[tuple[str, str]], list[tuple[str, str | None]]]:
    """Go through `keys` as a build does: make what this process claims, ask the rest."""
    here, there = [], []
    for key in keys:
        if worker.claim(key):
            here.append((key, make(key)))
        else:
            there.append((key, worker.result(key)))
    worker.close()
    return here, there


def test_each_item_is_made_once_by_one_of_the_two_processes() -> None:
    keys = [f"item-{n}" for n in range(200)]
    pid = os.getpid()

    def make(key: str) -> str:
        time.sleep(0.002)  # some work, for both to take a share
        return f"{key} made by {'this process' if os.getpid() == pid else 'the worker'}"

    here, there = _made_here_and_there(keys, parallel.Worker(keys, make, "test"), make)
    assert here and there, "each process should take some items"
    assert sorted(key for key, _ in here + there) == sorted(keys)
    assert all(made == f"{key} made by this process" for key, made in here)
    assert all(made == f"{key} made by the worker" for key, made in there)
    taken = [key for key, _ in there]
    assert taken == keys[len(keys) - len(taken) :], "the worker takes them from the last"


def test_an_item_the_worker_cannot_make_comes_back_as_none() -> None:
    keys = [f"item-{n}" for n in range(50)]

    def make(key: str) -> str:
        if key == "item-49":
            raise ValueError("cannot")
        if key == "item-47" and os.getpid() != here_pid:
            os._exit(1)  # the worker dies: this item and the rest are made here
        return key.upper()

    here_pid = os.getpid()
    worker = parallel.Worker(keys, make, "test")
    worker._process.join(30)  # it took 49, 48 and 47 by now, and is gone
    here, there = _made_here_and_there(keys, worker, make)
    assert there == [("item-47", None), ("item-48", "ITEM-48"), ("item-49", None)]
    assert [key for key, _ in here] == keys[:47]


@pytest.mark.parametrize("mode", ["off", "on"])
def test_each_gives_every_item_in_order_whoever_made_it(
    monkeypatch: pytest.MonkeyPatch, mode: str
) -> None:
    monkeypatch.setenv("ATELIER_PARALLEL", mode)
    keys = [f"item-{n}" for n in range(300)]
    pid = os.getpid()

    def make(key: str) -> tuple[str, bool]:
        time.sleep(0.001)  # some work, for both to take a share
        return key.upper(), os.getpid() == pid

    got = list(parallel.each(keys, make, "test"))
    assert [(key, made[0]) for key, made in got] == [(key, key.upper()) for key in keys]
    by_worker = sum(1 for _, (_, here) in got if not here)
    assert (by_worker > 0) == (mode == "on")


def test_in_halves_gives_every_item_in_order_half_of_them_made_by_the_worker(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ATELIER_PARALLEL", "on")
    keys = [f"item-{n}" for n in range(11)]
    pid = os.getpid()

    def make(some: Sequence[str]) -> dict[str, tuple[str, bool]]:
        return {key: (key.upper(), os.getpid() == pid) for key in some}

    made = parallel.in_halves(keys, make, "test")
    assert list(made) == keys
    assert [value for value, _ in made.values()] == [key.upper() for key in keys]
    assert [here for _, here in made.values()] == [True] * 5 + [False] * 6


def test_in_halves_makes_here_the_half_of_a_worker_that_failed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ATELIER_PARALLEL", "on")
    pid = os.getpid()

    def make(some: Sequence[str]) -> dict[str, str]:
        if os.getpid() != pid:
            raise RuntimeError("the worker fails")
        return {key: key.upper() for key in some}

    assert parallel.in_halves(["a", "b", "c", "d"], make, "test") == {
        "a": "A",
        "b": "B",
        "c": "C",
        "d": "D",
    }


def test_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ATELIER_PARALLEL", "off")
    assert not parallel.wanted(10_000)
    monkeypatch.setenv("ATELIER_PARALLEL", "on")
    assert parallel.wanted(1)
    assert not parallel.wanted(0)
    monkeypatch.setenv("ATELIER_PARALLEL", "auto")
    assert not parallel.wanted(parallel.MIN_ITEMS - 1)


SHEETS = {
    **{f"seance-{n:03d}": sheet(title=f"Séance numéro {n}") for n in range(60)},
    "seance-titre-vide": sheet(title=""),
    "seance-yaml-casse": sheet(title=Raw('"pas fermé')),
    "seance-niveau-inconnu": sheet(level="fr-13e"),
    "Mauvais Nom": sheet(),
    "sous-dossier/seance-000": sheet(title="Le même identifiant qu'une autre"),
    "seance-lien-casse": sheet(body="\n## Contexte\n\nVoir [ici](id:nulle-part).\n"),
}


@pytest.mark.parametrize("cached", [False, True])
def test_reading_a_site_in_two_processes_gives_the_same_knowledge_and_messages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cached: bool
) -> None:
    from atelier.core.cache import BuildCache

    write_files(tmp_path / "practices", {f"{name}.md": text for name, text in SHEETS.items()})
    (tmp_path / "communities").mkdir()
    seen = []
    for mode in ("off", "on"):
        monkeypatch.setenv("ATELIER_PARALLEL", mode)
        cache = BuildCache(tmp_path / f"cache-{mode}") if cached else None
        kb, report = knowledge.load(Settings(tmp_path), cache)
        seen.append(
            (
                [repr(sheet) for sheet in kb.sheets.values()],
                dict(kb.failed),
                [item.render("fr") for item in report.items],
            )
        )
    alone, shared = seen
    assert alone[2], "the sample site should have problems to report"
    assert shared == alone
