"""`mh-planner import` and `check` with linked calendars: what the plan gains (comments kept), exit codes,
confirmed dates pinned after approval, refreshes against a local HTTP server, hostile files changing
nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from mh_planner.assemble import assemble
from mh_planner.calendar import Event
from mh_planner.cli import import_review, main
from mh_planner.loading import load
from tests.importing.conftest import ICS, Handler

HOSTILE = sorted((ICS / "hostile").iterdir())


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def plan_text(data: Path) -> str:
    return (data / "plans" / "2019-20" / "ee2.yaml").read_text()


def kept_every_line(before: str, after: str) -> bool:
    """The edit only added lines: every line of the file before (comments included) is still there, in order."""
    lines = iter(after.splitlines())
    return all(any(line == other for other in lines) for line in before.splitlines())


def test_import_a_venue_booking_then_check_finds_the_clash(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = plan_text(data_copy)
    source = str(ICS / "venue-comberton-hall.ics")
    code, out, _ = run(capsys, "import", source, "--as", "bookings", "--venue", "comberton-hall", "--data", str(data_copy))
    assert code == 0, out
    assert "bookings of comberton-hall" in out and "linked in the plan of ee2" in out
    after = plan_text(data_copy)
    assert kept_every_line(before, after) and "# Sample plan: Cambridge Maths Hub (EE2), 2019/20." in after
    assert f'  - {{source: "{source}", as: bookings, venue: comberton-hall}}' in after
    code, out, _ = run(capsys, "check", "--data", str(data_copy))
    assert code == 1
    assert "imported bookings of comberton-hall from" in out
    assert "Comberton Village College hall is booked twice: 'Booked' (Wed 4 Dec 2019 16:30-19:00)" in out
    assert "Choral Society" not in out
    # Importing it again links nothing more.
    code, out, _ = run(capsys, "import", source, "--as", "bookings", "--venue", "comberton-hall", "--data", str(data_copy))
    assert code == 0 and "already linked" in out and plan_text(data_copy) == after


def test_a_file_inside_the_data_folder_is_linked_relative_to_it(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (data_copy / "calendars").mkdir()
    target = data_copy / "calendars" / "priya.ics"
    target.write_bytes((ICS / "google.ics").read_bytes())
    code, out, _ = run(capsys, "import", str(target), "--as", "busy", "--person", "pshah", "--own", "--data", str(data_copy))
    assert code == 0, out
    assert "{source: calendars/priya.ics, as: busy, person: pshah, own: true}" in plan_text(data_copy)
    code, out, _ = run(capsys, "check", "--data", str(data_copy), "--person", "pshah")
    assert "imported busy times of pshah from calendars/priya.ics: 7 busy" in out
    # The hub's own calendar: its title is shown where it clashes (Priya is in Shanghai that week).
    assert "and 'Senior leadership briefing' (Mon 11 Nov 2019 09:00-10:00)" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["import", "x.ics"], "give a file or an address and --as"),
        (["import", "x.ics", "--as", "busy"], "--as busy needs --person ID"),
        (["import", "x.ics", "--as", "bookings", "--person", "pshah"], "--as bookings needs --venue ID"),
        (["import", "x.ics", "--as", "busy", "--person", "nobody"], "no person 'nobody'"),
        (["import", "x.ics", "--as", "confirmations", "--venue", "comberton"], "no --venue"),
        (["import", "x.ics", "--refresh"], "--refresh reads the calendars already linked"),
        (["import", "ftp://example.org/x.ics", "--as", "confirmations"], "ftp: addresses are not read"),
        (["import", "missing.ics", "--as", "busy", "--person", "pshah"], "cannot be read"),
    ],
)
def test_usage_and_input_errors_exit_2_and_change_nothing(
    data_copy: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    before = plan_text(data_copy)
    code, _, err = run(capsys, *argv, "--data", str(data_copy))
    assert code == 2 and message in err
    assert plan_text(data_copy) == before and not (data_copy / ".imports").exists()


@pytest.mark.parametrize("path", HOSTILE, ids=lambda p: p.name)
def test_a_hostile_file_is_one_line_naming_it_and_changes_nothing(
    path: Path, data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = plan_text(data_copy)
    code, _, err = run(capsys, "import", str(path), "--as", "busy", "--person", "pshah", "--data", str(data_copy))
    if path.name in ("rrule-no-end.ics", "impossible-rule.ics"):  # bounded, not refused
        assert code == 0, err
        return
    assert code == 2
    (line,) = err.strip().splitlines()
    assert line.startswith(f"mh-planner import: {path}: ") and line.endswith("(nothing was linked)")
    assert plan_text(data_copy) == before and list((data_copy / ".imports").glob("*")) == []


def test_confirmations_pin_two_national_workshops_after_approval(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = plan_text(data_copy)
    source = str(ICS / "national.ics")
    code, out, _ = run(capsys, "import", source, "--as", "confirmations", "--approve", "--data", str(data_copy))
    assert code == 0, out
    assert "matched   19-11/a-nw1" in out and "OUTSIDE   19-11/a-nw2" in out and "ambiguous 19-25/nw1" in out
    assert "unmatched (" in out
    after = plan_text(data_copy)
    assert kept_every_line(before, after)
    assert '"19-11/a-nw1": {date: 2019-10-08, time: "10:00-16:00"}' in after
    assert '"19-13/national-workshop": {date: 2019-10-17, time: "10:00-16:30"}' in after
    assert "19-11/a-nw2" not in after  # outside its window: not without --outside
    assert '"19-25/nw1": {date: 2019-10-15, time: "10:00-16:00"}' in after  # ambiguous: as it was
    calendar = assemble(load(data_copy))
    for event_id, day in (("19-11/a-nw1", dt.date(2019, 10, 8)), ("19-13/national-workshop", dt.date(2019, 10, 17))):
        event = calendar.by_id()[event_id]
        assert isinstance(event, Event) and event.first_day == day and not event.tentative
    # Imported again: the same dates are already pinned, nothing changes.
    code, out, _ = run(capsys, "import", "--refresh", "--approve", "--data", str(data_copy))
    assert code == 0 and "pinned    19-11/a-nw1" in out and plan_text(data_copy) == after


def test_confirmations_asked_in_a_terminal(
    data_copy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter(["y", "y", "2"])  # the matches inside; a-nw2 outside its window; 19-25/nw1: the 2nd date
    monkeypatch.setattr(import_review, "interactive", lambda: True)
    monkeypatch.setattr("builtins.input", lambda question: next(answers))
    code, out, _ = run(capsys, "import", str(ICS / "national.ics"), "--as", "confirmations", "--data", str(data_copy))
    assert code == 0, out
    text = plan_text(data_copy)
    assert '"19-11/a-nw2": {date: 2019-12-10, time: "10:00-16:00"}' in text
    assert '"19-25/nw1": {date: 2019-10-22, time: "10:00-16:30"}' in text
    assert '"19-11/b-residential": {date: 2019-10-02, end_date: 2019-10-03}' in text


def test_confirmations_without_a_terminal_or_approval_pin_nothing(
    data_copy: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(import_review, "interactive", lambda: False)
    code, out, _ = run(capsys, "import", str(ICS / "national.ics"), "--as", "confirmations", "--data", str(data_copy))
    assert code == 0 and "Nothing pinned: run again with --approve" in out
    assert "19-11/a-nw1" not in plan_text(data_copy) and "as: confirmations" in plan_text(data_copy)
    # A calendar that confirms nothing of the programme: exit 1.
    code, out, _ = run(capsys, "import", str(ICS / "apple.ics"), "--as", "confirmations", "--data", str(data_copy))
    assert code == 1 and "nothing in this calendar matches" in out


def test_refresh_over_http_conditional_get_and_the_last_good_copy(
    server: str, data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"{server}/venue.ics"
    code, out, _ = run(capsys, "import", url, "--as", "bookings", "--venue", "comberton-hall", "--data", str(data_copy))
    assert code == 0, out
    code, out, _ = run(capsys, "import", "--refresh", "--data", str(data_copy))
    assert code == 0 and "(unchanged)" in out
    assert Handler.hits == [("/venue.ics", 200), ("/venue.ics", 304)]  # an unchanged source costs one 304
    Handler.down = True
    code, out, _ = run(capsys, "import", "--refresh", "--data", str(data_copy))
    assert code == 1 and "stale since" in out and "because HTTP 503" in out
    code, out, _ = run(capsys, "check", "--data", str(data_copy))  # the last good copy, and why it is stale
    assert code == 1 and "because HTTP 503 Service Unavailable" in out and "'Booked' (Wed 4 Dec 2019" in out
    hits = len(Handler.hits)
    run(capsys, "check", "--data", str(data_copy))
    assert len(Handler.hits) == hits  # a check never goes to the network
    Handler.down = False
    code, out, _ = run(capsys, "import", "--refresh", "--data", str(data_copy))
    assert code == 0 and "stale" not in out


def test_import_links_the_calendar_in_the_year_asked_for(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A folder of several years: `--year` says which year's plan links the calendar (default: the latest)."""
    assert main(["new-year", "2020/21", "--data", str(data_copy)]) == 0
    capsys.readouterr()
    old, new = data_copy / "plans" / "2019-20" / "ee2.yaml", data_copy / "plans" / "2020-21" / "ee2.yaml"
    new_text = new.read_text()
    source = str(ICS / "priya-school.ics")
    argv = ["import", source, "--as", "busy", "--person", "pshah", "--year", "2019/20", "--data", str(data_copy)]
    code, out, _ = run(capsys, *argv)
    assert code == 0 and "linked in the plan of ee2" in out
    assert source in old.read_text() and new.read_text() == new_text
    code, out, _ = run(capsys, "check", "--year", "2019/20", "--person", "pshah", "--data", str(data_copy))
    assert "imported busy times of pshah from" in out
    code, out, _ = run(capsys, "import", "--refresh", "--year", "2019/20", "--data", str(data_copy))
    assert code == 0 and "No calendar is linked" not in out
