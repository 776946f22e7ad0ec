"""No e-mail address, phone number or private note in any exported file; no group sees another's."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from mh_planner.calendar import Calendar
from mh_planner.feeds import ExportResult, FeedKind
from mh_planner.feeds.export import export
from mh_planner.feeds.privacy import EMAIL_MARK, PHONE_MARK, Scrubber
from tests.builders import DATA
from tests.feeds.test_feeds_helpers import NOW, calendar_of, files, searchable


def private_strings(plan: dict[str, Any]) -> list[str]:
    """Every e-mail, phone and note of a plan (people, work groups, local events)."""
    found = []
    for item in (*plan.get("people", []), *plan.get("work_groups", []), *plan.get("events", [])):
        found += [str(item[k]) for k in ("email", "phone", "notes") if item.get(k)]
    return found


def assert_nothing_private(out: Path, secrets: list[str]) -> None:
    exported = files(out)
    assert any(p.suffix == ".ics" for p in exported) and any(p.name == "index.html" for p in exported)
    for path in exported:
        text = searchable(path)
        raw = path.read_text(encoding="utf-8")
        for secret in secrets:
            assert secret not in text and secret not in raw, f"{secret!r} in {path}"
        assert "@example.org" not in text, path


def test_shipped_sample_leaks_nothing(tmp_path: Path) -> None:
    plan = yaml.safe_load((DATA / "plans/2019-20/ee2.yaml").read_text(encoding="utf-8"))
    secrets = private_strings(plan)
    assert len([s for s in secrets if "@" in s]) >= 10 and "01223 000101" in secrets
    assert any("private" in s for s in secrets)  # Helen Marsh's note
    out = tmp_path / "out"
    export(calendar_of(DATA), out, now=NOW)
    assert_nothing_private(out, secrets)


def test_every_private_field_filled_leaks_nothing(data_copy: Path, tmp_path: Path) -> None:
    plan_path = data_copy / "plans/2019-20/ee2.yaml"
    plan = yaml.safe_load(plan_path.read_text(encoding="utf-8"))
    for n, person in enumerate(plan["people"]):
        person["phone"] = f"07700 900{n:03d}"
        person["notes"] = f"Private note about {person['name']}: on leave, call {person['phone']}"
    for group in plan["work_groups"]:
        group["notes"] = f"Private: the {group['id']} lead is struggling with two schools"
    for event in plan["events"]:
        event["notes"] = f"Private: budget for {event['id']} is not agreed"
    # A careless title: a contact in the text itself is scrubbed from feeds and the index.
    plan["events"][0]["title"] = "Briefing: call helen.marsh@example.org or 01223 000101, or +44 7700 900555"
    plan_path.write_text(yaml.safe_dump(plan, sort_keys=False, allow_unicode=True), encoding="utf-8")

    secrets = [*private_strings(plan), "+44 7700 900555"]
    assert len(secrets) > 30
    out = tmp_path / "out"
    calendar = calendar_of(data_copy)
    export(calendar, out, now=NOW)
    assert_nothing_private(out, secrets)
    hub = searchable(out / "ee2/hub.ics")
    assert f"SUMMARY:Briefing: call {EMAIL_MARK} or {PHONE_MARK}, or {PHONE_MARK}" in hub


def test_scrubber_leaves_ordinary_text_alone() -> None:
    scrub = Scrubber(["jo@example.org", "01223 000101"])
    for text in ("NCP 19-09: 6 TRGs @£350 per day", "13:00-16:00 on 2019-10-15", "Room 0123", "Cohort 4 (2019/20)"):
        assert scrub(text) == text
    assert scrub("Jo (jo@example.org, 01223 000101)") == f"Jo ({EMAIL_MARK}, {PHONE_MARK})"
    assert scrub("ring 020 7946 0000 or +44 (0)20 7946 0001") == f"ring {PHONE_MARK} or {PHONE_MARK}"
    assert scrub(None) is None
    # A known number however it is typed, even run into other digits; a known odd detail verbatim.
    known = Scrubber(["01223 000101", "ext. 4567 (Jo)"])
    for typed in ("01223000101", "+44 1223 000101", "(01223) 000-101", "0 1 2 2 3 0 0 0 1 0 1"):
        assert known(f"call {typed} today") == f"call {PHONE_MARK} today", typed
    assert known("2019-2020 01223 000101") == f"2019-2020 {PHONE_MARK}"
    assert known("Jo on ext. 4567 (Jo)") == f"Jo on {PHONE_MARK}"
    assert known("Cohort 5, 2019/20: 12 schools") == "Cohort 5, 2019/20: 12 schools"


@pytest.fixture(scope="module")
def shipped_export(tmp_path_factory: pytest.TempPathFactory) -> tuple[Calendar, Path, ExportResult]:
    calendar = calendar_of(DATA)
    out = tmp_path_factory.mktemp("privacy")
    return calendar, out, export(calendar, out, now=NOW)


def test_a_work_group_feed_says_nothing_about_other_groups(
    shipped_export: tuple[Calendar, Path, ExportResult],
) -> None:
    calendar, out, result = shipped_export
    groups = calendar.work_groups
    for feed in (f for f in result.feeds if f.kind is FeedKind.WORK_GROUP):
        own = groups[feed.subject]
        crew = {own.lead, *own.members}
        # A school may share its name with this group's own venue or schools (the lead's school hosts).
        own_names = {calendar.venues[own.venue].name} | {calendar.schools[s].name for s in own.schools}
        text = searchable(out / feed.path)
        assert all(event.work_group in (None, own.id) for event in feed.events)
        for other in groups.values():
            if other.id == own.id:
                continue
            assert other.name not in text, (feed.path, other.name)
            assert f"ee2/{other.id}/" not in text, (feed.path, other.id)
            for school in other.schools:
                name = calendar.schools[school].name
                assert name in own_names or name not in text, (feed.path, name)
        for person in calendar.people.values():
            if person.id not in crew:
                assert person.name not in text, (feed.path, person.name)


def test_the_feeds_package_does_not_import_textual() -> None:
    code = (
        "import sys; import mh_planner.feeds, mh_planner.feeds.server, mh_planner.cli.feed_commands; "
        "bad = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
