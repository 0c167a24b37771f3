"""Background tasks of statistics (Huey)."""

from huey.contrib.djhuey import db_task

from .keeping import tallies_refresh


@db_task()
def tallies_refresh_task() -> None:
    """Sum again the classes waiting since their records changed (`keeping.tallies_refresh`)."""
    tallies_refresh()
