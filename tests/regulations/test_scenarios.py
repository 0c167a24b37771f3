"""The scenario files (llct/regulations/data/scenarios/, one per version file, readable without Python):
each scenario is a roster row as a spreadsheet has it, a date and a level, with the status, the study
modes and the clause that decides. One parametrised test reads them all through the roster reader, the
scalar path and the bulk path; another fails on any item of a version file no scenario reaches."""

import csv
import datetime as dt
import io
import re
from importlib import resources

import pytest
import yaml

from llct.regulations import LEVELS, shipped_texts
from llct.regulations.checks import level_items
from llct.regulations.model import LEVEL_LABELS
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
VERSION_FILES = sorted(n.removeprefix("versions/") for n in shipped_texts() if n.startswith("versions/"))


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


def decide(book, frame, level: str, on: dt.date):
    return book.decide(book.profile(frame.row(0, named=True), on), level, on)


def _on(scenario: dict) -> dt.date:
    return dt.datetime.strptime(scenario["on"], "%d/%m/%Y").date()


@pytest.mark.parametrize(
    ("file", "scenario", "defaults"), CASES, ids=[f"{f}: {s['name']}" for f, s, _ in CASES]
)
def test_scenario(book, file, scenario, defaults):
    on, level = _on(scenario), LEVEL_KEYS[scenario["level"]]
    frame = roster_row(defaults, scenario.get("row"))
    decision = decide(book, frame, level, on)
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
    screened = book.screen(frame, on, [level], with_status=True).row(0, named=True)
    assert (screened["status"], screened["reasons"]) == (decision.status, decision.summary)
    assert screened["assumed"] == decision.assumed


def test_every_version_file_has_its_scenario_file():
    assert set(VERSION_FILES) <= set(FILES), "a version file without scenarios"
    for name, data in FILES.items():
        assert data["version"] == parse(VersionSpec, shipped_texts()[f"versions/{name}"], name).number


def _open_group(item) -> bool:
    """A group the regulation leaves open ([?], no post named): reached when a refusal names it."""
    return isinstance(item, PostGroup) and item.confidence == "?" and item.posts == []


def _key(level: str, where: str, item) -> tuple[str, str]:
    """What reaching an item of `level_items` means, as (level, the deciding reason's item)."""
    for part in ("modes", "institution"):
        if where.endswith(f"→ {part}"):
            return level, part
    return level, getattr(item, "id", "") if where != f"levels → {level}" else ""


@pytest.mark.parametrize("name", VERSION_FILES)
def test_every_item_is_reached_by_a_scenario(book, name):
    """Subjects and exclusions reach when they decide; standards when they refuse; study modes and the
    institution when an eligible scenario states them; a level when a scenario is at it; an open group
    when a refusal names it."""
    spec = parse(VersionSpec, shipped_texts()[f"versions/{name}"], name)
    reached: set[tuple[str, str]] = set()
    for _, scenario, defaults in (c for c in CASES if c[0] == name):
        on, level = _on(scenario), LEVEL_KEYS[scenario["level"]]
        decision = decide(book, roster_row(defaults, scenario.get("row")), level, on)
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
