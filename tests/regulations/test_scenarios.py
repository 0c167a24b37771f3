"""The scenario files (llct/regulations/data/scenarios/, one per version and per shipped provincial
overlay, readable without Python): each scenario is a roster row as a spreadsheet has it, a date and a
level (and, for an overlay, the province), with the status, the study modes and the clause that decides.
One parametrised test reads them all through the roster reader, the scalar path and the bulk path; another
fails on any item of a version or overlay file no scenario reaches."""

import csv
import datetime as dt
import io
import re
from importlib import resources

import pytest
import yaml

from llct.regulations import LEVELS, Rulebook, shipped_texts
from llct.regulations.checks import level_items
from llct.regulations.model import LEVEL_LABELS
from llct.regulations.overlays import OverlaySpec
from llct.regulations.schema import PostGroup, VersionSpec, parse
from llct.regulations.texts import INSTITUTION_LABELS, MODE_LABELS
from llct.roster import read_roster

SCENARIOS_DIR = resources.files("llct.regulations") / "data" / "scenarios"
STATUSES = {
    "đủ điều kiện": "eligible",
    "không đủ điều kiện": "not_eligible",
    "không mở": "not_offered",
    "không xét được": "not_judged",
}
LEVEL_KEYS = {label: key for key, label in LEVEL_LABELS.items()}
MODE_KEYS = {label: key for key, label in MODE_LABELS.items()}
TEXTS = shipped_texts()
VERSION_FILES = sorted(n.removeprefix("versions/") for n in TEXTS if n.startswith("versions/"))
OVERLAY_FILES = sorted(n.removeprefix("overlays/") for n in TEXTS if n.startswith("overlays/"))


class _Loader(yaml.SafeLoader):
    """YAML where only true/false are booleans: `on:` is the scenario's date, not YAML 1.1's "yes"."""


_Loader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))


def _scenario_files() -> dict[str, dict]:
    return {
        entry.name: yaml.load(entry.read_text(encoding="utf-8"), Loader=_Loader)
        for entry in SCENARIOS_DIR.iterdir()
        if entry.name.endswith(".yaml")
    }


FILES = _scenario_files()
CASES = [
    (name, scenario, data.get("defaults", {}))
    for name, data in sorted(FILES.items())
    for scenario in data["scenarios"]
]


def roster_row(defaults: dict, row: dict):
    """The scenario's row read the way a roster spreadsheet is: its Vietnamese headers and cells."""
    cells = {**defaults, **(row or {})}
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=list(cells))
    writer.writeheader()
    writer.writerow({k: "" if v is None else str(v) for k, v in cells.items()})
    return read_roster(text.getvalue().encode(), filename="kich-ban.csv").frame


@pytest.fixture(scope="module")
def books(book) -> dict[str, object]:
    """The rulebook each scenario file is read with: the shipped one, or with its overlay loaded."""
    versions = {n.removeprefix("versions/"): t for n, t in TEXTS.items() if n.startswith("versions/")}
    found = dict.fromkeys(VERSION_FILES, book)
    for name in OVERLAY_FILES:
        found[name] = Rulebook.from_sources(
            TEXTS["posts.yaml"], versions, overlay_texts={name: TEXTS[f"overlays/{name}"]}
        )
    return found


def decide(book, frame, level: str, on: dt.date, province: str | None = None):
    return book.decide(book.profile(frame.row(0, named=True), on), level, on, province=province)


def _province(file: str, scenario: dict) -> str | None:
    return scenario.get("province", FILES[file].get("province"))


def _on(scenario: dict) -> dt.date:
    return dt.datetime.strptime(scenario["on"], "%d/%m/%Y").date()


@pytest.mark.parametrize(
    ("file", "scenario", "defaults"), CASES, ids=[f"{f}: {s['name']}" for f, s, _ in CASES]
)
def test_scenario(books, file, scenario, defaults):
    book, province = books[file], _province(file, scenario)
    on, level = _on(scenario), LEVEL_KEYS[scenario["level"]]
    frame = roster_row(defaults, scenario.get("row"))
    decision = decide(book, frame, level, on, province)
    assert decision.status == STATUSES[scenario["status"]], decision.summary
    assert str(decision.deciding.citation) == scenario["decided_by"], decision.summary
    if "modes" in scenario:
        assert decision.modes == tuple(MODE_KEYS[m] for m in scenario["modes"]), decision.summary
    if "assumed" in scenario:
        assert decision.assumed is scenario["assumed"], decision.summary
    for text in scenario.get("says", []):
        assert text in decision.summary
    if "regulation" in scenario:
        assert decision.regulation == scenario["regulation"]
    if "institution" in scenario:
        assert INSTITUTION_LABELS.get(decision.institution, "") == scenario["institution"]
    screened = book.screen(frame, on, [level], with_status=True, province=province).row(0, named=True)
    assert (screened["status"], screened["reasons"]) == (decision.status, decision.summary)
    assert screened["assumed"] == decision.assumed


def test_every_version_and_overlay_file_has_its_scenario_file():
    assert set(VERSION_FILES) | set(OVERLAY_FILES) <= set(FILES), (
        "a version or overlay file without scenarios"
    )
    for name, data in FILES.items():
        if "version" in data:
            assert data["version"] == parse(VersionSpec, TEXTS[f"versions/{name}"], name).number
        else:
            assert data["overlay"] == parse(OverlaySpec, TEXTS[f"overlays/{name}"], name).number


def _open_group(item) -> bool:
    """A group the regulation leaves open ([?], no post named): reached when a refusal names it."""
    return isinstance(item, PostGroup) and item.confidence == "?" and item.posts == []


def _key(level: str, where: str, item) -> tuple[str, str]:
    """What reaching an item of `level_items` means, as (level, the deciding reason's item)."""
    for part in ("modes", "institution"):
        if where.endswith(f"→ {part}"):
            return level, part
    return level, getattr(item, "id", "") if where != f"levels → {level}" else ""


@pytest.mark.parametrize("name", VERSION_FILES + OVERLAY_FILES)
def test_every_item_is_reached_by_a_scenario(books, name):
    """Subjects and exclusions reach when they decide; standards when they refuse; study modes and the
    institution when an eligible scenario states them; a level when a scenario is at it; an open group
    when a refusal names it."""
    model, folder = (VersionSpec, "versions") if name in VERSION_FILES else (OverlaySpec, "overlays")
    spec = parse(model, TEXTS[f"{folder}/{name}"], name)
    reached: set[tuple[str, str]] = set()
    for _, scenario, defaults in (c for c in CASES if c[0] == name):
        on, level = _on(scenario), LEVEL_KEYS[scenario["level"]]
        row = roster_row(defaults, scenario.get("row"))
        decision = decide(books[name], row, level, on, _province(name, scenario))
        if folder == "overlays" and not decision.overlay:
            continue  # another province's cadre, or a date before the overlay: none of its items
        reached.add((level, ""))
        reached.add((level, decision.deciding.item))
        if decision.eligible and "modes" in scenario:
            reached.add((level, "modes"))
        if decision.eligible and "institution" in scenario:
            reached.add((level, "institution"))
        for group in spec.levels[level].subjects if decision.deciding.condition == "subject" else ():
            if _open_group(group) and group.label in decision.deciding.text:
                reached.add((level, group.id))
    missing = [
        where for level, where, item in level_items(spec.levels) if _key(level, where, item) not in reached
    ]
    assert not missing, f"{name}: không có kịch bản nào dùng đến: {missing}"


def test_levels_of_scenarios_are_known():
    assert {LEVEL_KEYS[s["level"]] for _, s, _ in CASES} <= set(LEVELS)
