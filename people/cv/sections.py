"""The CV sections the people app fills: positions, education, awards and supervision."""

from django.utils.translation import gettext_lazy as _

from people.cv.registry import CVLine, CVSection, register
from people.profiles import career


def _career(kind):
    def lines(person):
        return [
            CVLine(text=line.title, where=line.where, when=line.when)
            for line in career.lines(person, kind)
        ]

    return lines


def _supervision(person):
    from people.supervision.profile_sections import _as_supervisor

    return [
        CVLine(text=f"{record.student_label}, {record.degree_label}", when=record.when)
        for record in _as_supervisor(person)
    ]


def register_sections() -> None:
    register(CVSection("positions", _("Positions"), _career("position"), order=10))
    register(CVSection("education", _("Education"), _career("education"), order=20))
    register(CVSection("awards", _("Awards"), _career("award"), order=30))
    register(CVSection("supervision", _("Supervision"), _supervision, order=70))
