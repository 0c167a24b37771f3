"""Regulations as code: who may be trained in political theory at which level, how and by whom.

The law is data (`data/posts.yaml`, `data/versions/*.yaml`, `data/allocation.yaml`, the structure of the
cited documents in `data/documents.yaml`, provinces' implementing regulations as overlays — an example in
`data/overlays/`); this package reads it and decides, one person at a time (`Rulebook.decide`, which
explains itself) or a whole roster at once (`Rulebook.screen`, Polars). `data/scenarios/` holds readable
scenarios of every version and overlay, read by tests/regulations/test_scenarios.py. No Django here:
Django apps build a Rulebook from their database with `Rulebook.from_sources` and call it.
"""

from .model import (
    LEVELS,
    MODES,
    CataloguePost,
    Citation,
    Decision,
    Grade,
    PostRef,
    Profile,
    Reason,
)
from .rulebook import Allocation, Catalogue, Rulebook, load_shipped, shipped_texts
from .schema import RegulationDataError

__all__ = [
    "LEVELS",
    "MODES",
    "Allocation",
    "Catalogue",
    "CataloguePost",
    "Citation",
    "Decision",
    "Grade",
    "PostRef",
    "Profile",
    "Reason",
    "RegulationDataError",
    "Rulebook",
    "load_shipped",
    "shipped_texts",
]
