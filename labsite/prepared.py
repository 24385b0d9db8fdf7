"""Querysets compiled to SQL once (per process and content change), then run with new values.

Most lists on a page are one short query whose shape never changes, only the page or member
it is for. Django builds that queryset and compiles it to SQL afresh on every request, and for
the lists of a page that is most of their cost: a person's publications take 1.1 ms to build
and compile and 0.1 ms for SQLite to run. ``Prepared(name, build)`` builds and compiles
``build(*values)`` once, with stand-in values, notes where they land among the statement's
parameters, and from then on runs the stored statement with the real values. The rows become
objects exactly as Django makes them (its own iterable, converters, ``select_related`` and
``prefetch_related``), so a prepared list is the same list, only cheaper to ask for.

What ``build`` may depend on is narrow, and checked where it can be: its arguments are whole
numbers (primary keys), each must reach the SQL as a parameter (not decide its shape, as
``None`` or an empty list would), and it must not read anything else that changes between
requests: the clock, the language, settings, the site. What the site's content decides (which
sections are restricted, for ``visibility.restricted()``) may shape it: a statement is kept like
the other values of ``labsite.pagecache.memo``, until the content changes. It runs on the
database the queryset read from (labsite has one), on the calling thread's connection.
"""

import copy
from collections.abc import Callable

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import ModelIterable, ValuesIterable, ValuesListIterable

from labsite.pagecache import memo

# Stand-ins for the values: numbers no primary key takes, one per argument. Within a 32-bit
# integer: Django compiles a lookup on an integer column with a value outside the column's
# range to "no rows" (on PostgreSQL), which would leave the stand-in out of the statement.
_STAND_INS = tuple(-1_987_654_321 - n for n in range(8))

_ITERABLES = (ModelIterable, ValuesIterable, ValuesListIterable)


class NotPreparable(TypeError):
    """``build`` does not make a queryset this module can run again with new values."""


class _Statement:
    """One compiled statement, and the compiler state Django's iterables read after running it."""

    def __init__(self, queryset: QuerySet, arity: int):
        if queryset._iterable_class not in _ITERABLES:
            raise NotPreparable(
                f"{queryset._iterable_class.__name__} runs more than one statement; "
                "only plain, values() and values_list() querysets can be prepared"
            )
        self.queryset = queryset
        self.alias = queryset.db
        compiler = queryset.query.get_compiler(using=self.alias)
        try:
            self.sql, params = compiler.as_sql()
        except EmptyResultSet:
            raise NotPreparable(
                "the statement compiles to no rows for the stand-in ids (a column whose range "
                "leaves out negative 32-bit numbers?); only ids can be prepared"
            ) from None
        self.params = list(params)
        self.slots: list[tuple[int, int]] = []  # (parameter position, argument index)
        for position, param in enumerate(self.params):
            if type(param) is int and param in _STAND_INS:
                self.slots.append((position, _STAND_INS.index(param)))
        missing = set(range(arity)) - {argument for _, argument in self.slots}
        if missing:
            raise NotPreparable(
                f"argument(s) {sorted(missing)} do not reach the SQL as parameters, so the "
                "statement cannot be reused with other values"
            )
        compiler.connection = None  # bound afresh for each run: connections are per thread
        self.compiler = compiler

    def queryset_for(self, values: tuple[int, ...]) -> QuerySet:
        params = list(self.params)
        for position, argument in self.slots:
            params[position] = values[argument]
        compiler = copy.copy(self.compiler)
        compiler.connection = connections[self.alias]
        sql = self.sql
        compiler.as_sql = lambda *args, **kwargs: (sql, tuple(params))
        queryset = self.queryset._chain()
        queryset._query = _BoundQuery(self.queryset.query, compiler)
        return queryset


class _BoundQuery:
    """Stands in for the stored queryset's query for one run: it hands out the compiled
    statement instead of compiling; everything else is read from the stored query."""

    def __init__(self, query, compiler):
        self._query = query
        self._compiler = compiler

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        return self._compiler

    def __getattr__(self, name):
        return getattr(self._query, name)


class Prepared:
    """``Prepared(name, build)(*values)`` is ``list(build(*values))``, built and compiled once
    per content generation; ``name`` is unique among them."""

    def __init__(self, name: str, build: Callable[..., QuerySet], arity: int = 1):
        if not 1 <= arity <= len(_STAND_INS):
            raise ValueError(f"arity must be between 1 and {len(_STAND_INS)}")
        self.name = f"prepared:{name}"
        self.build = build
        self.arity = arity

    def queryset(self, *values: int) -> QuerySet:
        """The queryset for these values, not yet run (to chain nothing more onto: its SQL
        is fixed; filter or slice the list instead)."""
        if len(values) != self.arity or any(type(value) is not int for value in values):
            raise TypeError(f"expected {self.arity} whole number(s), got {values!r}")
        statement = memo.remember(self.name, self._compile)
        return statement.queryset_for(values)

    def _compile(self) -> _Statement:
        return _Statement(self.build(*_STAND_INS[: self.arity]), self.arity)

    def __call__(self, *values: int) -> list:
        return list(self.queryset(*values))
