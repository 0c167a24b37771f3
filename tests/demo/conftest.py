"""The fixtures of the apps whose data the demo loads: the training tests' rules-engine stand-in and the
credentials tests' programmes and recognised-class factory."""

from tests.credentials.conftest import make_class, officer, programmes
from tests.training.conftest import engine

__all__ = ["engine", "make_class", "officer", "programmes"]
