"""Background tasks of statistics (Huey)."""
