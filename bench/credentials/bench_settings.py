"""Settings of the verification benchmark: the application's, with the trivial view added."""

from llct.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
