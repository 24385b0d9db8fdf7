"""manage.py import_activities: good rows in, bad rows reported by line, nothing half-saved."""

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from research.models import ActivityPage, ActivityPerson

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[1] / "data" / "activities"


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_activities", str(path), *args, stdout=out, stderr=err)
        failed = None
    except CommandError as error:
        failed = str(error)
    return out.getvalue(), err.getvalue(), failed


def test_good_rows_are_imported_and_bad_rows_reported_by_line():
    before = ActivityPage.objects.count()
    people_before = ActivityPerson.objects.count()
    out, err, failed = run(DATA / "mixed.csv")
    assert "Imported 4 activities" in out
    assert failed and "5 row(s) were not imported" in failed
    expected = {
        5: "Kind 'juggling' is not one of",
        6: "end_date is before start_date",
        7: "start_date '12 Smarch 2025' is not a date",
        8: "people is empty",
        9: "event_url 'notaurl' is not a web address",
    }
    for line, reason in expected.items():
        assert f"mixed.csv, line {line}: {reason}" in err, (line, err)
    assert ActivityPage.objects.count() == before + 4
    # Nothing half-saved: the people of bad rows are not in the database either.
    assert ActivityPerson.objects.count() == people_before + 1 + 2 + 1 + 1


def test_imported_rows_keep_their_details_and_link_members():
    run(DATA / "mixed.csv")
    workshop = ActivityPage.objects.get(title="Organising the coastal ML workshop")
    involved = list(workshop.involved.order_by("sort_order"))
    assert involved[0].person.slug == "maren-okafor" and involved[0].role == "organiser"
    assert involved[1].person is None and involved[1].name == "Ana Silva"
    assert involved[1].role == "chair"
    assert workshop.end_date.isoformat() == "2025-09-02" and workshop.event_format == "workshop"
    keynote = ActivityPage.objects.get(title="Keynote on reef acoustics")
    assert keynote.kind == "keynote" and keynote.status == "done" and keynote.live
    assert keynote.time_zone == "Europe/Oslo" and keynote.start_time.isoformat() == "09:30:00"
    visit = ActivityPage.objects.get(title="Visit to Lisbon")
    assert visit.involved.get().person.slug == "kofi-brandt"
    assert ActivityPage.objects.get(title="Radio interview").online


def test_check_mode_saves_nothing():
    before = ActivityPage.objects.count()
    out, err, failed = run(DATA / "mixed.csv", "--check")
    assert "Would import 4 activities" in out and "line 5" in err
    assert ActivityPage.objects.count() == before


def test_drafts_are_not_live():
    run(DATA / "mixed.csv", "--draft")
    assert not ActivityPage.objects.get(title="Visit to Lisbon").live


def test_a_wrong_header_is_explained(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("name,type,date\nA talk,seminar,2025-01-01\n", encoding="utf-8")
    _out, _err, failed = run(path)
    assert "the header row lacks title, kind, start_date, people" in failed


def test_a_non_utf8_file_is_explained(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes(
        "title,kind,start_date,people\nCaf\xe9 talk,seminar,2025-01-01,Maren Okafor\n".encode(
            "latin-1"
        )
    )
    _out, _err, failed = run(path)
    assert "is not UTF-8 text" in failed and "CSV UTF-8" in failed


def test_a_missing_file_is_explained():
    _out, _err, failed = run("/no/such/file.csv")
    assert "no such file" in failed


def test_an_excel_bom_and_a_stray_comma_are_handled(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes(
        "\ufefftitle,kind,start_date,people\nBOM talk,seminar,2025-01-01,Maren Okafor\n"
        "Stray,seminar,2025-01-02,Maren Okafor,extra\n".encode()
    )
    out, err, failed = run(path)
    assert "Imported 1 activity" in out
    assert "line 3: this row has more cells than the header" in err
