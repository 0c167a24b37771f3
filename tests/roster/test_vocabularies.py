"""The roster's vocabularies are the registry's choices: same keys, same labels."""

import pytest

from llct.registry import choices
from llct.roster import VOCABULARIES

PAIRS = [
    ("sex", choices.Sex),
    ("party_status", choices.PartyStatus),
    ("education", choices.Education),
    ("theory_level", choices.TheoryLevel),
    ("tier", choices.Tier),
    ("sector", choices.Sector),
    ("rating", choices.Rating),
]


@pytest.mark.parametrize(("vocabulary", "enum"), PAIRS)
def test_vocabulary_matches_the_registry_choices(vocabulary, enum):
    from django.utils import translation

    with translation.override("vi"):
        expected = {str(label): value for value, label in enum.choices if value}
    assert VOCABULARIES[vocabulary] == expected


def test_the_roster_package_imports_no_django():
    import subprocess
    import sys

    code = "import sys, llct.roster; print(any(m.startswith('django') for m in sys.modules))"
    assert (
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"
    )
