"""English is available for every interface text: what makemessages extracts from the code today has an
English translation that is not a fuzzy guess, and the compiled catalogue the application loads is the
one the .po file says."""

import gettext
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import llct

PACKAGE = Path(llct.__file__).resolve().parent
CATALOGUE = PACKAGE / "locale" / "en" / "LC_MESSAGES"

pytestmark = pytest.mark.skipif(
    shutil.which("msgattrib") is None, reason="needs gettext (apt-get install gettext)"
)


def _entries(po_text: str) -> list[str]:
    """The msgids of the entries msgattrib printed (its header entry, msgid "", left out)."""
    ids = re.findall(r'^msgid ((?:".*"\n)+)', po_text, re.M)
    texts = ["".join(re.findall(r'"(.*)"', block)) for block in ids]
    return [t for t in texts if t]


def test_every_text_in_the_code_has_an_english_translation(tmp_path):
    copy = tmp_path / "llct"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    (tmp_path / "po_settings.py").write_text(
        f"from llct.settings import *\nLOCALE_PATHS = [{str(copy / 'locale')!r}]\n"
    )
    environment = {**os.environ, "PYTHONPATH": str(tmp_path), "DJANGO_SETTINGS_MODULE": "po_settings"}
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "en", "--no-obsolete"],
        cwd=copy,
        env=environment,
        check=True,
        capture_output=True,
    )
    po = copy / "locale" / "en" / "LC_MESSAGES" / "django.po"

    def attrib(option: str) -> list[str]:
        return _entries(subprocess.run(["msgattrib", option, str(po)], capture_output=True, text=True).stdout)

    assert attrib("--untranslated") == [], "run `llct makemessages -l en` in src/llct and translate these"
    assert attrib("--only-fuzzy") == [], "these translations are gettext's guesses: check them, drop `fuzzy`"


def test_the_compiled_catalogue_is_the_po_file(tmp_path):
    compiled = tmp_path / "django.mo"
    subprocess.run(["msgfmt", "--check", "-o", str(compiled), str(CATALOGUE / "django.po")], check=True)
    with (CATALOGUE / "django.mo").open("rb") as shipped, compiled.open("rb") as fresh:
        assert gettext.GNUTranslations(shipped)._catalog == gettext.GNUTranslations(fresh)._catalog, (
            "run `llct compilemessages` in src/llct"
        )
