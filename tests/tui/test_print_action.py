"""P in the planner writes the printable year planner: the hub's, or on People the selected person's."""

from __future__ import annotations

import asyncio
from pathlib import Path

from tests.tui.conftest import LARGE, make_app, settle


def test_p_prints_the_hubs_planner_and_on_people_a_persons(tmp_path: Path) -> None:
    async def flow() -> None:
        app = make_app(print_dir=tmp_path)
        async with app.run_test(size=LARGE) as pilot:
            await settle(pilot)
            await pilot.press("P")
            await settle(pilot)
            hub = tmp_path / "year-planner-2019-20.html"
            assert hub.exists() and "Every event of the hub" in hub.read_text()
            await pilot.press("p", "P")  # People: Daniel Okafor, selected first
            await settle(pilot)
            mine = tmp_path / "year-planner-2019-20-dokafor.html"
            assert mine.exists() and "Daniel Okafor" in mine.read_text()

    asyncio.run(flow())
