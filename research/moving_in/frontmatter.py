"""Front matter of Jekyll and Hugo files: YAML between ``---`` lines or TOML between ``+++``."""

import datetime
import tomllib

import yaml


class FrontMatterError(Exception):
    def __init__(self, message: str, line: int = 1):
        super().__init__(message)
        self.line = line


def load_yaml(text: str, what: str = "this file"):
    try:
        try:
            return yaml.safe_load(text)
        except yaml.YAMLError:
            # Hugo's and Jekyll's YAML readers accept a tab where YAML allows only spaces
            # (inside a [list] over several lines); PyYAML refuses it. Read it their way.
            if "\t" not in text:
                raise
            return yaml.safe_load(text.replace("\t", "    "))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = (mark.line + 1) if mark else 1
        problem = getattr(error, "problem", None) or "it is not valid YAML"
        raise FrontMatterError(
            f"{what} could not be read ({problem}); check the indentation and quotes there",
            line,
        ) from None


def split(text: str) -> tuple[dict, str, int]:
    """(metadata, body, the line number where the body starts)."""
    # Hugo reads front matter after blank lines and a byte-order mark; so does this.
    stripped = text.lstrip("\ufeff \t\r\n")
    skipped_lines = text[: len(text) - len(stripped)].count("\n")
    if stripped.startswith(("---", "+++")):
        text = stripped
    else:
        skipped_lines = 0
    for fence, parse in (("---", "yaml"), ("+++", "toml")):
        if text.startswith(fence + "\n") or text.startswith(fence + "\r\n"):
            end = text.find("\n" + fence, len(fence))
            if end == -1:
                raise FrontMatterError(
                    f"the front matter opened by '{fence}' on line 1 is never closed; "
                    f"add a line '{fence}' after it"
                )
            head = text[len(fence) + 1 : end]
            rest = text[end + len(fence) + 1 :]
            body = rest[1:] if rest.startswith("\n") else rest
            body_line = head.count("\n") + 3 + skipped_lines
            if parse == "yaml":
                meta = load_yaml(head, "the front matter") or {}
            else:
                try:
                    meta = tomllib.loads(head)
                except tomllib.TOMLDecodeError as error:
                    raise FrontMatterError(
                        f"the front matter could not be read ({error})"
                    ) from None
            if not isinstance(meta, dict):
                raise FrontMatterError("the front matter is not a list of 'name: value' lines")
            return meta, body, body_line
    return {}, text, 1


def as_date(value) -> datetime.date | None:
    """A date from front matter: YAML dates, ISO strings with times, '2022-4-12'."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, int) and 1900 < value < 2200:
        return datetime.date(value, 1, 1)
    if isinstance(value, str):
        text = value.strip().replace("T", " ").split(" ")[0]
        parts = text.split("-")
        try:
            numbers = [int(p) for p in parts[:3]]
        except ValueError:
            return None
        while len(numbers) < 3:
            numbers.append(1)
        try:
            return datetime.date(*numbers)
        except ValueError:
            return None
    return None


def as_list(value) -> list:
    if value is None or value == "":
        return []
    if isinstance(value, (list, tuple)):
        return [v for v in value if v not in (None, "")]
    if isinstance(value, str) and ("," in value or ";" in value):
        return [part.strip() for part in value.replace(";", ",").split(",") if part.strip()]
    return [value]


def text(value) -> str:
    return "" if value is None else str(value).strip()
