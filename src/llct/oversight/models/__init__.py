"""The oversight app's own tables: kept aggregates and saved reports (statistics), checks' runs, findings
and inspection plans (inspection)."""

from .inspection import *  # noqa: F403
from .statistics import *  # noqa: F403
