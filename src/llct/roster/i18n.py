"""Translation of the roster's messages without importing Django (the rules engine reads rosters too).

Messages are written in Vietnamese and marked with `gettext`, so Django's `makemessages` collects them
into the project's catalogue; the registry app installs Django's `gettext` at start-up
(`llct.registry.apps`), and until then (scripts without Django) the Vietnamese text is returned as is.
"""

from collections.abc import Callable

_translate: Callable[[str], str] = str


def gettext(message: str) -> str:
    """`message` in the active language (Vietnamese when no translator is installed)."""
    return _translate(message)


def install(translate: Callable[[str], str]) -> None:
    """Make `gettext` use `translate` (Django's gettext, installed by the registry app)."""
    global _translate
    _translate = translate
