"""Reading required settings from the environment, failing with one readable line."""

import os
import sys
from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured


class SettingError(ImproperlyConfigured):
    """A missing or malformed environment variable, reported in one line."""


def _fail(name: str, problem: str, example: str) -> None:
    message = f"{name} {problem}. Set it in the environment, for example: {name}={example}"
    # One line on stderr and a clean exit: a traceback hides which variable is wrong.
    if os.environ.get("LABSITE_RAISE_SETTING_ERRORS"):
        raise SettingError(message)
    sys.stderr.write(f"labsite: {message}\n")
    raise SystemExit(2)


def env_str(name: str, example: str, default: str | None = None) -> str:
    """Return a non-empty string variable; stop start-up when it is required and absent."""
    value = os.environ.get(name, "").strip()
    if value:
        return value
    if default is not None:
        return default
    _fail(name, "is not set", example)
    return ""  # unreachable


def env_list(name: str, example: str, default: list[str] | None = None) -> list[str]:
    """Return a comma-separated variable as a list of non-empty items."""
    raw = env_str(name, example, None if default is None else ",".join(default))
    items = [item.strip() for item in raw.split(",") if item.strip()]
    if not items and default is None:
        _fail(name, "is empty", example)
    return items


def env_bool(name: str, default: bool) -> bool:
    """Return a yes/no variable; anything unrecognised stops start-up."""
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    _fail(name, f"must be true or false, not {raw!r}", "true")
    return default


def env_int(name: str, example: str, default: int) -> int:
    """Return a whole-number variable; anything else stops start-up."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        _fail(name, f"must be a whole number, not {raw!r}", example)
    return default


def env_parsed(name: str, example: str, parse: Callable[[str], object], required: bool = True):
    """Parse a variable with ``parse``; a ValueError becomes a one-line start-up error."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        if required:
            _fail(name, "is not set", example)
        return None
    try:
        return parse(raw)
    except (ValueError, KeyError) as error:
        _fail(name, f"is malformed ({error})", example)
    return None
