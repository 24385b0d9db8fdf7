"""Dates as exact as they were given (labsite.dates)."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from labsite.dates import DatePrecision, as_given, machine, parse_partial, span, truncate

D = datetime.date


@pytest.mark.parametrize(
    "start, end, precision, expected",
    [
        (D(2024, 1, 1), D(2024, 12, 31), "year", "2024"),
        (D(2024, 1, 1), None, "year", "2024"),
        (D(2019, 1, 1), D(2023, 1, 1), "year", "2019–2023"),
        (D(2025, 3, 1), D(2025, 3, 1), "month", "March 2025"),
        (D(2025, 3, 1), D(2025, 5, 1), "month", "March–May 2025"),
        (D(2024, 11, 1), D(2025, 2, 1), "month", "November 2024 – February 2025"),
        (D(2025, 6, 5), D(2025, 6, 7), "day", "5–7 June 2025"),
        (D(2025, 6, 30), D(2025, 7, 2), "day", "30 June – 2 July 2025"),
        (D(2025, 6, 5), None, "day", "5 June 2025"),
        (None, None, "day", ""),
    ],
)
def test_a_span_reads_as_people_write_it(start, end, precision, expected):
    assert span(start, end, precision) == expected


@pytest.mark.parametrize(
    "start, end, precision, expected",
    [
        (D(2025, 6, 5), D(2025, 6, 7), "day", "5.–7. Juni 2025"),
        (D(2025, 6, 30), D(2025, 7, 2), "day", "30. Juni – 2. Juli 2025"),
        (D(2024, 12, 30), D(2025, 1, 2), "day", "30. Dezember 2024 – 2. Januar 2025"),
        (D(2025, 3, 1), D(2025, 5, 1), "month", "März–Mai 2025"),
    ],
)
def test_a_span_reads_as_germans_write_it(start, end, precision, expected):
    from django.utils import translation

    with translation.override("de"):
        assert span(start, end, precision) == expected


@pytest.mark.parametrize(
    "text, date, precision",
    [
        ("2025", D(2025, 1, 1), "year"),
        ("2025-03", D(2025, 3, 1), "month"),
        ("2025-03-14", D(2025, 3, 14), "day"),
        ("2025-3", D(2025, 3, 1), "month"),
        ("March 2025", D(2025, 3, 1), "month"),
        ("march 2025", D(2025, 3, 1), "month"),
        ("Mar 2025", D(2025, 3, 1), "month"),
        ("März 2025", D(2025, 3, 1), "month"),
        ("03/2025", D(2025, 3, 1), "month"),
        ("3.2025", D(2025, 3, 1), "month"),
        ("14 March 2025", D(2025, 3, 14), "day"),
        ("14. März 2025", D(2025, 3, 14), "day"),
        ("March 14, 2025", D(2025, 3, 14), "day"),
        ("14/03/2025", D(2025, 3, 14), "day"),
        ("14.03.2025", D(2025, 3, 14), "day"),
        (" Dezember 2024 ", D(2024, 12, 1), "month"),
    ],
)
def test_partial_dates_are_read_with_their_precision(text, date, precision):
    assert parse_partial(text) == (date, precision)


@pytest.mark.parametrize(
    "text",
    ["25", "2025-13", "Smarch 2025", "2025-02-30", "", "2025/03", "March", "14/3/25",
     "1 2 3 2025", "March April 2025", "32 March 2025"],
)  # fmt: skip
def test_anything_else_is_refused_with_the_forms_that_work(text):
    with pytest.raises(ValueError, match=r"Write the year \(2025\), the month"):
        parse_partial(text)


@given(st.dates(min_value=D(1000, 1, 1)), st.sampled_from(DatePrecision.values))
def test_what_is_written_reads_back_as_the_same_date(date, precision):
    stored = truncate(date, precision)
    assert parse_partial(machine(stored, precision)) == (stored, precision)
    assert str(stored.year) in as_given(stored, precision)
