"""A person's positions, education and awards: the CV lines a profile lists, each with its dates
as exactly as the person knows them ("2019", "March 2021–", "2016–2020").

They live in one StreamField on the person page (``PersonPage.career``), not in tables: they are
read only with their page, so the page shows them without a query, and a member edits them with
the rest of their profile, through the same review.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from labsite import dates
from labsite.dates import DatePrecision
from labsite.partial_dates import PartialDateBlock, fold_precision


class _Dated(blocks.StructBlock):
    """Start and end dates, each as exactly as it is known ("2019", "March 2021"); the end may
    be empty (ongoing)."""

    date_names = ("start", "end")

    # Lines saved when a separate "dates known to" choice held the precision. A StreamField
    # reads its lines through bulk_to_python, a single value through to_python.
    def to_python(self, value):
        return super().to_python(fold_precision(value, self.date_names))

    def bulk_to_python(self, values):
        return super().bulk_to_python([fold_precision(v, self.date_names) for v in values])

    def clean(self, value):
        value = super().clean(value)
        start, end = value.get("start"), value.get("end")
        if start and end and end.date < start.date:
            raise StructBlockValidationError(
                block_errors={"end": ValidationError(_("The end is before the start."))}
            )
        return value


class PositionBlock(_Dated):
    title = blocks.CharBlock(
        max_length=200, label=_("Position"), help_text=_("e.g. 'Lecturer in Computing Science'.")
    )
    organisation = blocks.CharBlock(
        max_length=200, required=False, help_text=_("Where, e.g. 'University of Glasgow'.")
    )
    start = PartialDateBlock(required=False, help_text=_("When it started, if you know."))
    end = PartialDateBlock(required=False, help_text=_("Leave empty while you hold it."))

    class Meta:
        icon = "user"
        label = _("Position")


class EducationBlock(_Dated):
    degree = blocks.CharBlock(max_length=200, help_text=_("e.g. 'PhD in Computer Science'."))
    organisation = blocks.CharBlock(
        max_length=200, required=False, help_text=_("The university or school.")
    )
    start = PartialDateBlock(required=False, help_text=_("When it started, if you know."))
    end = PartialDateBlock(required=False, help_text=_("When it was awarded or will end."))

    class Meta:
        icon = "doc-full"
        label = _("Education")


class AwardBlock(_Dated):
    date_names = ("date",)

    name = blocks.CharBlock(max_length=250, help_text=_("e.g. 'Best student paper award'."))
    awarded_by = blocks.CharBlock(
        max_length=250,
        required=False,
        help_text=_("Who gave it, e.g. 'NeurIPS Optimization for ML workshop'."),
    )
    date = PartialDateBlock(help_text=_("When it was given."))
    link = blocks.URLBlock(required=False, help_text=_("A page about it, if there is one."))

    class Meta:
        icon = "pick"
        label = _("Award")


class CareerBlock(blocks.StreamBlock):
    position = PositionBlock()
    education = EducationBlock()
    award = AwardBlock()


@dataclass(frozen=True)
class CareerLine:
    """One line as the profile prints it."""

    kind: str
    title: str
    where: str
    when: str
    machine_start: str
    sort_key: datetime.date
    link: str = ""


def _line(block) -> CareerLine:
    value = block.value
    if block.block_type == "award":
        given = value.get("date")
        day, precision = (given.date, given.precision) if given else (None, DatePrecision.YEAR)
        return CareerLine(
            kind="award",
            title=value["name"],
            where=value.get("awarded_by", ""),
            when=dates.as_given(day, precision),
            machine_start=dates.machine(day, precision),
            sort_key=day or datetime.date.min,
            link=value.get("link") or "",
        )
    start_given, end_given = value.get("start"), value.get("end")
    precision = dates.coarsest(*(d.precision for d in (start_given, end_given) if d))
    start = start_given.date if start_given else None
    end = end_given.date if end_given else None
    if start and not end:
        when = f"{dates.as_given(start, precision)}–"
    else:
        when = dates.span(start, end, precision)
    return CareerLine(
        kind=block.block_type,
        title=value["title"] if block.block_type == "position" else value["degree"],
        where=value.get("organisation", ""),
        when=when,
        machine_start=dates.machine(start, precision),
        # Ongoing first, then by end (or start), newest first.
        sort_key=datetime.date.max if start and not end else (end or start or datetime.date.min),
    )


def lines(person, kind: str) -> list[CareerLine]:
    """The person's lines of one kind, newest first (no query: the StreamField is on the page)."""
    found = [_line(block) for block in person.career if block.block_type == kind]
    return sorted(found, key=lambda line: line.sort_key, reverse=True)


def _section(kind: str, heading, order: int):
    from people.profiles import registry as profile

    profile.register(
        profile.ProfileSection(
            key=f"career_{kind}",
            heading=heading,
            template="people/profile/career_list.html",
            items=lambda person: lines(person, kind),
            order=order,
        )
    )


def register_sections() -> None:
    """After the research record: positions, education, then awards (called from ready())."""
    _section("position", _("Positions"), 50)
    _section("education", _("Education"), 51)
    _section("award", _("Awards"), 52)
