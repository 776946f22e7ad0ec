"""`--hub` narrows check, agenda and export to one hub of a network (a data folder with several plans)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.generate import generate, planted
from mh_planner.cli import main


@pytest.fixture(scope="module")
def network(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample hub (ee2) and one generated hub (sw1), with the planted clashes across them."""
    return generate(tmp_path_factory.mktemp("network") / "data", 2)


def errors(capsys: pytest.CaptureFixture[str], *args: str) -> list[tuple[str, tuple[str, ...]]]:
    code = main(["check", *args, "--format", "json"])
    found = json.loads(capsys.readouterr().out)["conflicts"]
    assert code == 1
    return sorted((c["rule"], tuple(c["event_ids"])) for c in found if c["severity"] == "error")


def test_check_narrowed_to_each_hub(capsys: pytest.CaptureFixture[str], network: Path) -> None:
    every = errors(capsys, "--data", str(network))
    assert every == planted(2)
    sample = errors(capsys, "--data", str(network), "--hub", "ee2")
    other = errors(capsys, "--data", str(network), "--hub", "sw1")
    assert ("travel", ("19-25/nw1", "wg-itt/meeting-1")) in sample and not any(r == "exchange" for r, _ in sample)
    assert ("outside-term-time", ("sw1-event1",)) in other and ("exchange", ("19-02/return",)) in other
    assert ("outside-term-time", ("sw1-event1",)) not in sample
    # A clash across the two hubs concerns both; every error concerns one of them at least.
    shared = [e for e in every if e[0] in ("two-hubs", "delegates")]
    assert shared and all(e in other for e in shared) and ("two-hubs", shared[-1][1]) in sample
    assert set(sample) | set(other) == set(every)


def test_the_header_says_which_hub(capsys: pytest.CaptureFixture[str], network: Path) -> None:
    main(["check", "--data", str(network), "--hub", "sw1"])
    assert "only what concerns Cornwall and West Devon Maths Hub (SW1)" in capsys.readouterr().out


def test_an_unknown_hub_is_a_usage_error(capsys: pytest.CaptureFixture[str], network: Path) -> None:
    for command in (["check"], ["agenda"], ["export", "--out", str(network.parent / "feeds")]):
        assert main([*command, "--data", str(network), "--hub", "nw9"]) == 2
        assert "no hub plan 'nw9'" in capsys.readouterr().err


def test_agenda_narrowed_to_a_hub(capsys: pytest.CaptureFixture[str], network: Path) -> None:
    # agenda exits as check does with the same filters (1: the hub has a hard conflict)
    checked = main(["check", "--data", str(network), "--hub", "sw1", "--format", "json"])
    capsys.readouterr()
    assert main(["agenda", "--data", str(network), "--hub", "sw1", "--format", "json"]) == checked
    ids = [e["id"] for e in json.loads(capsys.readouterr().out)]
    own = [i for i in ids if i.startswith("sw1-")]
    assert own and all(i.startswith("sw1-") or i[:2].isdigit() for i in ids)  # its own, and national ones
    checked = main(["check", "--data", str(network), "--hub", "ee2", "--format", "json"])
    capsys.readouterr()
    assert main(["agenda", "--data", str(network), "--hub", "ee2", "--format", "json"]) == checked
    ids = [e["id"] for e in json.loads(capsys.readouterr().out)]
    assert "leaders-briefing" in ids and not any(i.startswith("sw1-") for i in ids)


def test_export_of_one_hub_keeps_the_others_feeds(capsys: pytest.CaptureFixture[str], network: Path) -> None:
    out = network.parent / "feeds"
    assert main(["export", "--data", str(network), "--out", str(out)]) == 0
    before = {p: p.read_bytes() for p in out.rglob("*.ics")}
    index = (out / "index.html").read_text()
    capsys.readouterr()
    assert main(["export", "--data", str(network), "--out", str(out), "--hub", "sw1"]) == 0
    assert "0 written" in capsys.readouterr().out
    assert {p: p.read_bytes() for p in out.rglob("*.ics")} == before
    assert (out / "index.html").read_text() == index
    (out / "sw1" / "hub.ics").unlink()
    (out / "ee2" / "hub.ics").unlink()
    assert main(["export", "--data", str(network), "--out", str(out), "--hub", "sw1"]) == 0
    assert (out / "sw1" / "hub.ics").exists() and not (out / "ee2" / "hub.ics").exists()
    capsys.readouterr()
    # No event of the other hub was retired by the narrowed export: a full one changes nothing but the file.
    assert main(["export", "--data", str(network), "--out", str(out)]) == 0
    assert "1 written" in (text := capsys.readouterr().out) and "0 event(s) new or changed" in text


def test_hub_before_the_command_narrows_as_after_it(capsys: pytest.CaptureFixture[str], network: Path) -> None:
    """`mh-planner --hub sw1 check` is `mh-planner check --hub sw1` (it was silently the whole network)."""
    for command in ("check", "agenda"):
        after = main([command, "--data", str(network), "--hub", "sw1", "--format", "json"])
        expected = capsys.readouterr().out
        assert main(["--hub", "sw1", command, "--data", str(network), "--format", "json"]) == after
        assert capsys.readouterr().out == expected
    assert main(["--hub", "zz", "check", "--data", str(network)]) == 2
    assert "no hub plan 'zz'" in capsys.readouterr().err
