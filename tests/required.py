"""Tests that need something of the machine carry its marker (pyproject.toml: browser, postgres, redis) and
skip without it, unless LLCT_REQUIRE names the marker (CI: browser,redis and, on PostgreSQL, postgres):
then the skip is a failure, so a run cannot pass without the tests it requires."""

import os

import pytest

REQUIRED = frozenset(name.strip() for name in os.environ.get("LLCT_REQUIRE", "").split(",") if name.strip())


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    report = (yield).get_result()
    if not report.skipped or hasattr(report, "wasxfail"):
        return
    required = sorted(REQUIRED.intersection(marker.name for marker in item.iter_markers()))
    if required:
        why = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.outcome = "failed"
        report.longrepr = f"skipped ({why}), but LLCT_REQUIRE requires the tests marked {', '.join(required)}"
