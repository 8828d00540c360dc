"""The volunteer roster, driven with keys like an officer, against SQL written here."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from kxtui.screens.roster import RosterScreen
from tests.app.helpers import make_app, open_screen, plain, press, settle, type_text


def sql_count(path: Path, where: str = "1") -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute(
            "SELECT COUNT(*) FROM volunteer v JOIN region r ON r.id = v.region_id "
            f"WHERE r.path LIKE '/1/%' AND {where}"
        ).fetchone()[0]


def count_line(pilot) -> str:  # type: ignore[no-untyped-def]
    return plain(pilot.app.screen.query_one("#roster-count").content).strip()


def shown(pilot) -> list[str]:  # type: ignore[no-untyped-def]
    """The table as drawn: its visible lines as text."""
    table = pilot.app.screen.table
    return [line.text for line in (table.render_line(y) for y in range(table.size.height))]


async def open_roster(pilot) -> RosterScreen:  # type: ignore[no-untyped-def]
    return await open_screen(pilot, "m", RosterScreen)


async def test_count_search_filters_and_masked_mobiles(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(120, 36)) as pilot:
        screen = await open_roster(pilot)
        assert count_line(pilot) == f"共 {sql_count(demo_path):,} 名志愿者"
        first = screen.table.cursor_row
        assert first is not None and first.mobile
        masked = f"{first.mobile[:3]}****{first.mobile[-4:]}"
        assert masked in shown(pilot)[0] and first.mobile not in shown(pilot)[0]
        await press(pilot, "m")  # show mobiles in full
        assert first.mobile in shown(pilot)[0]

        await type_text(pilot, "138")  # typing goes to the search without "/"
        await settle(pilot)
        expected = sql_count(
            demo_path, "(v.mobile LIKE '138%' OR substr(v.mobile, -4) LIKE '138%')"
        )
        assert count_line(pilot) == f"共 {expected:,} 名志愿者"
        await press(pilot, "enter", "g")  # back to the table; registered only
        await settle(pilot)
        expected = sql_count(
            demo_path,
            "(v.mobile LIKE '138%' OR substr(v.mobile, -4) LIKE '138%') "
            "AND v.platform_registered = 1",
        )
        assert count_line(pilot) == f"共 {expected:,} 名志愿者"
        assert "已在平台注册" in plain(screen.query_one("#roster-filter").content)
        rows = [screen.table._rows[i] for i in range(min(expected, 20))]
        assert all(r.registered and "138" in (r.mobile[:3], r.mobile[-4:-1]) for r in rows)


async def test_not_served_this_year_and_sort_by_hours(demo_path: Path) -> None:
    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        screen = await open_roster(pilot)
        await press(pilot, "n")
        await settle(pilot)
        expected = sql_count(
            demo_path,
            "NOT EXISTS (SELECT 1 FROM service_record s JOIN activity a ON a.id = s.activity_id"
            " WHERE s.volunteer_id = v.id AND a.deleted_at IS NULL"
            " AND a.start_date BETWEEN '2026-01-01' AND '2026-12-31')",
        )
        assert count_line(pilot) == f"共 {expected:,} 名志愿者"
        assert screen.table.cursor_row.hours_this_year == 0
        await press(pilot, "n", "s")  # everyone again, by total hours
        await settle(pilot)
        top = [screen.table._rows[i].hours_total for i in range(20)]
        assert top == sorted(top, reverse=True) and top[0] > 0
        assert "★" in shown(pilot)[0] or top[0] < 100


async def test_keys_sent_together_all_reach_the_search(demo_path: Path) -> None:
    """A line that delivers "zw" in one packet: the second key must follow the first into
    the search field, not run the table's binding for "w"... or "s" (sort)."""
    from textual import events

    async with make_app(demo_path).run_test(size=(80, 24)) as pilot:
        screen = await open_roster(pilot)
        for character in "zs":  # "s" alone on the table would sort
            pilot.app.post_message(events.Key(character, character))
        await settle(pilot)
        assert screen.query_one("#roster-search").value == "zs"
        assert screen.filter.sort == "name"
