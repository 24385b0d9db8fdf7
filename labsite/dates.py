"""Dates as exact as the person who typed them knew them: "2025", "March 2025", "5 March 2025".

A talk remembered only as "2025" or a student project with only a year used to need an invented
day, and the site then showed a false precision. A record keeps a ``DateField`` (so it still
sorts and filters) and a ``DatePrecision``; the day or month it does not know is stored as the
first one, and never shown.
"""

import datetime
import re

from django.db import models
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DatePrecision(models.TextChoices):
    DAY = "day", _("The exact day")
    MONTH = "month", _("The month only")
    YEAR = "year", _("The year only")


#: How a date of each precision is written, in Django's date format; translated, since German
#: writes the day with a full stop ("14. März 2025").
FORMATS = {DatePrecision.DAY: _("j F Y"), DatePrecision.MONTH: "F Y", DatePrecision.YEAR: "Y"}
#: The machine-readable form for ``<time datetime="...">`` (HTML allows "2025" and "2025-03").
#: The first day of a range within one month ("5–7 June", German "5.–7. Juni") and within one
#: year ("5 June – 7 July", German "5. Juni – 7. Juli").
RANGE_START_DAY = pgettext_lazy("first day of a range in one month", "j")
RANGE_START_DAY_MONTH = pgettext_lazy("first day of a range in one year", "j F")
MACHINE = {DatePrecision.DAY: "Y-m-d", DatePrecision.MONTH: "Y-m", DatePrecision.YEAR: "Y"}


def precision_field(**kwargs) -> models.CharField:
    options = {
        "max_length": 5,
        "choices": DatePrecision.choices,
        "default": DatePrecision.DAY,
        "help_text": _(
            "How exactly you know the date. For 'the year only', any day of that year will do "
            "above; the site shows just the year."
        ),
    }
    options.update(kwargs)
    return models.CharField(_("date known to"), **options)


def truncate(date: datetime.date | None, precision: str) -> datetime.date | None:
    """The date as stored: the first day of its month or year when that is all that is known."""
    if date is None:
        return None
    if precision == DatePrecision.YEAR:
        return date.replace(month=1, day=1)
    if precision == DatePrecision.MONTH:
        return date.replace(day=1)
    return date


def as_given(date: datetime.date | None, precision: str = DatePrecision.DAY) -> str:
    if date is None:
        return ""
    return date_format(date, str(FORMATS.get(precision, FORMATS[DatePrecision.DAY])))


def machine(date: datetime.date | None, precision: str = DatePrecision.DAY) -> str:
    if date is None:
        return ""
    return date_format(date, MACHINE.get(precision, MACHINE[DatePrecision.DAY]))


def span(
    start: datetime.date | None,
    end: datetime.date | None,
    precision: str = DatePrecision.DAY,
) -> str:
    """A range as people write it: "2024" (not "2024–2024"), "March–May 2025", "2019–2023",
    "5–7 June 2025", "since 2024" when there is no end, "" when there is neither."""
    if start is None:
        return as_given(end, precision)
    if end is None or end == start:
        return as_given(start, precision)
    if precision == DatePrecision.YEAR:
        return str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    if start.year != end.year:
        return f"{as_given(start, precision)} – {as_given(end, precision)}"
    if precision == DatePrecision.MONTH:
        if start.month == end.month:
            return as_given(start, precision)
        return f"{date_format(start, 'F')}–{date_format(end, 'F Y')}"
    last = as_given(end, precision)
    if start.month == end.month:
        return f"{date_format(start, str(RANGE_START_DAY))}–{last}"
    return f"{date_format(start, str(RANGE_START_DAY_MONTH))} – {last}"


#: Coarser precisions rank higher: two dates of a span keep the coarser one.
RANK = {DatePrecision.DAY: 0, DatePrecision.MONTH: 1, DatePrecision.YEAR: 2}

HOW_TO_WRITE = _(
    "Write the year (2025), the month (2025-03 or March 2025) or the day (2025-03-14 or "
    "14 March 2025)."
)


def coarsest(*precisions: str) -> str:
    return max(precisions, key=lambda p: RANK.get(p, 0), default=DatePrecision.DAY)


def editable(date: datetime.date | None, precision: str = DatePrecision.DAY) -> str:
    """The date as an editor types it back: "2025", "2025-03" or "2025-03-14"."""
    if date is None:
        return ""
    if precision == DatePrecision.YEAR:
        return f"{date.year:04d}"
    if precision == DatePrecision.MONTH:
        return f"{date.year:04d}-{date.month:02d}"
    return date.isoformat()


def _month_names() -> dict[str, int]:
    """Month names and their short forms in every language the site has ("märz", "mar")."""
    from django.conf import settings
    from django.utils import translation
    from django.utils.dates import MONTHS, MONTHS_3, MONTHS_ALT

    names: dict[str, int] = {}
    for code, _name in [("en", "English"), *getattr(settings, "LANGUAGES", [])]:
        with translation.override(code):
            for table in (MONTHS, MONTHS_ALT, MONTHS_3):
                for number, name in table.items():
                    names[str(name).casefold().rstrip(".")] = number
    return names


def parse_partial(text: str) -> tuple[datetime.date, str]:
    """A date as people write it, to (date, precision); ValueError saying how otherwise.

    "2025"; "2025-03", "03/2025", "March 2025", "März 2025", "Mar 2025"; "2025-03-14",
    "14/03/2025", "14.03.2025", "14 March 2025", "14. März 2025", "March 14, 2025". Numbers
    with slashes or dots are read day first, as everywhere but the United States; the ISO
    form is never ambiguous.
    """
    original = text
    text = text.strip().casefold()
    iso = re.fullmatch(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", text)
    tokens = re.findall(r"\d+|[^\W\d_]+", text)
    try:
        if iso:
            year, month, day = (int(part) if part else None for part in iso.groups())
            return _made(year, month, day)
        months = _month_names()
        numbers = [t for t in tokens if t.isdigit()]
        words = [t for t in tokens if not t.isdigit()]
        if len(words) > 1 or any(w not in months for w in words) or not numbers:
            raise ValueError
        month = months[words[0]] if words else None
        if len(numbers[-1]) != 4:
            raise ValueError
        year = int(numbers[-1])
        rest = [int(n) for n in numbers[:-1]]
        if month is None:  # all numbers: [month, year] or [day, month, year]
            if len(rest) == 1:
                return _made(year, rest[0], None)
            if len(rest) == 2:
                return _made(year, rest[1], rest[0])
            raise ValueError
        if not rest:
            return _made(year, month, None)
        if len(rest) == 1:
            return _made(year, month, rest[0])
        raise ValueError
    except (ValueError, IndexError, KeyError):
        raise ValueError(f"'{original.strip()}' is not a date. {HOW_TO_WRITE}") from None


def _made(year: int, month: int | None, day: int | None) -> tuple[datetime.date, str]:
    if month is None:
        return datetime.date(year, 1, 1), DatePrecision.YEAR
    if day is None:
        return datetime.date(year, month, 1), DatePrecision.MONTH
    return datetime.date(year, month, day), DatePrecision.DAY
