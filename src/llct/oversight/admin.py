"""Admin of the oversight app (each room registers its own models)."""

from llct.oversight.inspection import admin as _inspection_admin  # noqa: F401
