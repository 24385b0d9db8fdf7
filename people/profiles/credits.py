"""Who a record names (a paper's authors, a talk's speakers, a project's team, a student's
supervisors), written on the record when it is saved, so that lists never fetch them.

A list of fifty papers would otherwise read every author row and the member each one links to
on every request: one more query per list, and a few thousand model objects built only to print
names. The names change far less often than they are read, so each record keeps a small JSON
copy of its ``credits`` (name, address, role, marks), rebuilt:

- when the record itself is saved (publishing a page, saving a snippet), from its inline rows;
- when someone it names changes: a member's page is published, unpublished, moved or deleted,
  or an external person is edited (``refresh_naming``, called by people.signals).

The rows stay the truth: the record's own page, exports and citations read them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.apps import apps
from django.db import models
from django.db.models import Prefetch
from django.utils.functional import cached_property

#: What a stored credit holds. Short keys: the copy sits on every credited row.
KEYS = (
    "name", "url", "person", "role", "institution", "link", "equal", "corresponding", "org",
    "orcid",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Credit:
    """One person a record names, as lists print them."""

    name: str
    url: str = ""
    person: int | None = None
    role: str = ""
    role_label: str = ""
    institution: str = ""
    link: str = ""
    equal: bool = False
    corresponding: bool = False
    #: A group or organisation credited as one name (a consortium among a paper's authors).
    org: bool = False
    #: A member's ORCID iD (0000-0002-1825-0097), for machine-readable authorship.
    orcid: str = ""

    @property
    def href(self) -> str:
        """Where the name links: the member's page, else an external person's own page."""
        return self.url or self.link


def _person_url(person) -> str:
    # Only live pages are linked: a draft or unpublished member's page would answer 404.
    if person is None or not person.live:
        return ""
    return person.get_url() or ""


def credit_of(row, person=None, external=None) -> dict:
    """The stored form of one inline row (MemberOrName or MemberOrExternal)."""
    credit: dict = {}
    name = getattr(row, "name", "") or ""
    if person is not None:
        credit["person"] = person.pk
        credit["name"] = name or person.title
        credit["url"] = _person_url(person)
        if getattr(person, "orcid", ""):
            credit["orcid"] = person.orcid
    elif external is not None:
        credit["name"] = external.name
        credit["institution"] = external.institution
        credit["link"] = external.url
    else:
        credit["name"] = name
    for flag in ("equal_contribution", "corresponding"):
        if getattr(row, flag, False):
            credit["equal" if flag == "equal_contribution" else flag] = True
    if getattr(row, "organisation", False) and person is None:
        credit["org"] = True
    role = getattr(row, "role", "") or ("main" if getattr(row, "is_main", False) else "")
    if role:
        credit["role"] = role
    return credit


def _related(rows: list, field: str, model) -> dict:
    """The members (or external people) ``rows`` point to, loaded in at most one query."""
    descriptor = getattr(type(rows[0]), field, None) if rows else None
    if descriptor is None:
        return {}
    found = {}
    missing = set()
    for row in rows:
        key = getattr(row, f"{field}_id")
        if key is None:
            continue
        if descriptor.is_cached(row):
            found[key] = getattr(row, field)
        else:
            missing.add(key)
    if missing:
        found.update(model._default_manager.in_bulk(missing))
    return found


def _in_order(rows: list) -> list:
    # Rows from the database come sorted; rows set in memory (``page.authors = [...]``) may
    # have no sort_order yet and are already in the order they were given.
    if all(getattr(row, "sort_order", None) is not None for row in rows):
        return sorted(rows, key=lambda row: row.sort_order)
    return rows


def credits_from_rows(rows: Iterable) -> list[dict]:
    from people.profiles.models import PersonPage
    from people.profiles.snippets import ExternalPerson

    rows = _in_order(list(rows))
    people = _related(rows, "person", PersonPage)
    externals = _related(rows, "external", ExternalPerson)
    return [
        credit_of(
            row,
            person=people.get(getattr(row, "person_id", None)),
            external=externals.get(getattr(row, "external_id", None)),
        )
        for row in rows
        # A row whose member was deleted and that kept no name has nothing left to print.
        if getattr(row, "person_id", None) in people
        or getattr(row, "external_id", None) in externals
        or getattr(row, "name", "")
    ]


class CreditedModel(models.Model):
    """Mixed into a record with inline rows naming people (before Page in the bases)."""

    credits = models.JSONField(default=list, blank=True, editable=False)

    #: The inline relation whose rows are credited, e.g. "authors".
    credit_relation: str = ""
    #: Labels of the rows' ``role`` choices, for ``credited``.
    credit_roles: dict = {}
    #: Fields derived from the credits (and ``credit_sources``), stored with them by
    #: ``derive_from_credits``: rebuilt wherever the credits are, so they never fall behind.
    credit_derived: tuple[str, ...] = ()
    credit_sources: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        # Saving only some fields (a draft's revision pointers) keeps the live credits.
        if update_fields is None or "credits" in update_fields:
            self.credits = self.compute_credits()
            self.derive_from_credits()
        super().save(*args, **kwargs)

    def derive_from_credits(self) -> None:
        """Set the ``credit_derived`` fields from the credits just computed (none by default)."""

    def compute_credits(self) -> list[dict]:
        return credits_from_rows(getattr(self, self.credit_relation).all())

    @cached_property
    def credited(self) -> list[Credit]:
        return as_credits(self.credits, self.credit_roles)

    def credited_for(self, request) -> list[Credit]:
        """The credits a page prints: those stored at save (no query); a preview reads the
        rows being edited, which are not saved yet."""
        if getattr(request, "is_preview", False):
            return as_credits(self.compute_credits(), self.credit_roles)
        return self.credited


def as_credits(stored: list[dict] | None, roles: dict) -> list[Credit]:
    """Stored credits as lists print them, roles labelled in the visitor's language."""
    return [
        Credit(
            **{key: value for key, value in credit.items() if key in KEYS},
            role_label=str(roles.get(credit.get("role", ""), "")),
        )
        for credit in stored or []
    ]


def credited_models() -> list[type[CreditedModel]]:
    return [
        model
        for model in apps.get_models()
        if issubclass(model, CreditedModel) and not model._meta.abstract
    ]


def refresh(queryset) -> int:
    """Rebuild the credits of every record in ``queryset`` in three queries and a bulk update."""
    model = queryset.model
    relation = model._meta.get_field(model.credit_relation)
    row_model = relation.related_model
    joined = [
        name
        for name in ("person", "external")
        if any(f.name == name for f in row_model._meta.fields)
    ]
    records = list(
        queryset.only("pk", "credits", *model.credit_sources).prefetch_related(
            Prefetch(
                model.credit_relation,
                queryset=row_model.objects.select_related(*joined).order_by("sort_order", "pk"),
            )
        )
    )
    for record in records:
        record.credits = record.compute_credits()
        record.derive_from_credits()
    model._default_manager.bulk_update(records, ["credits", *model.credit_derived], batch_size=200)
    return len(records)


def refresh_naming(*, person_id: int | None = None, external_id: int | None = None) -> int:
    """Rebuild the credits of every record naming this member or external person."""
    refreshed = 0
    for model in credited_models():
        relation = model.credit_relation
        row_model = model._meta.get_field(relation).related_model
        field = "person" if person_id is not None else "external"
        if not any(f.name == field for f in row_model._meta.fields):
            continue
        key = person_id if person_id is not None else external_id
        naming = model._default_manager.filter(**{f"{relation}__{field}_id": key}).distinct()
        refreshed += refresh(model._default_manager.filter(pk__in=naming.values("pk")))
    return refreshed


def backfill(**kwargs) -> int:
    """Store the credits of records that name people but have none stored yet: records saved
    before credits were stored, or written by a bulk path that bypassed ``save``. Connected to
    ``post_migrate``, like Django's own content types and permissions."""
    filled = 0
    for model in credited_models():
        missing = model._default_manager.filter(credits=[]).filter(
            **{f"{model.credit_relation}__isnull": False}
        )
        filled += refresh(model._default_manager.filter(pk__in=missing.values("pk")))
    return filled
