"""Supervision on person pages: 'Supervised by' for students, 'Supervises' and 'Past students'."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from people.profiles import registry as profile
from people.supervision.models import SupervisionSupervisor, supervision_queryset


# A subquery, not a join: no DISTINCT over whole rows.
def _involving(person_id):
    return list(
        supervision_queryset()
        .filter(
            Q(student=person_id)
            | Q(
                pk__in=SupervisionSupervisor.objects.filter(person=person_id).values(
                    "supervision_id"
                )
            )
        )
        .order_by("-start_date")
    )


def _supervisions_involving(person):
    cache = getattr(person, "_supervision_cache", None)
    if cache is None:
        cache = person._supervision_cache = _involving(person.pk)
    return cache


def supervised_by(person):
    return [s for s in _supervisions_involving(person) if s.student_id == person.pk]


def _as_supervisor(person):
    return [
        s
        for s in _supervisions_involving(person)
        if any(credit.person == person.pk for credit in s.credited)
    ]


def current_students(person):
    return [s for s in _as_supervisor(person) if s.is_current() and not s.offered]


def offered_projects(person):
    return [s for s in _as_supervisor(person) if s.offered and not s.completed]


def past_students(person):
    return [s for s in _as_supervisor(person) if not s.is_current()]


profile.register(
    profile.ProfileSection(
        key="supervised_by",
        heading=_("Supervised by"),
        template="people/profile/supervised_by.html",
        items=supervised_by,
        order=20,
    )
)
profile.register(
    profile.ProfileSection(
        key="supervises",
        heading=_("Supervises"),
        template="people/profile/supervision_list.html",
        items=current_students,
        order=21,
    )
)
profile.register(
    profile.ProfileSection(
        key="offered_projects",
        heading=_("Projects on offer"),
        template="people/profile/supervision_list.html",
        items=offered_projects,
        order=23,
    )
)
profile.register(
    profile.ProfileSection(
        key="past_students",
        heading=_("Past students"),
        template="people/profile/supervision_list.html",
        items=past_students,
        order=22,
    )
)
