"""Background tasks of inspection (Huey)."""
