"""The "work files handled online" figure against a naive count, and the plans' targets."""

from __future__ import annotations

import datetime
import random

from egov.documents.models import FileList, FileListEntry, WorkFile
from egov.documents.rules_workfiles import online_target
from egov.documents.selectors.workfile_figures import work_file_figures


def _files(units, rng) -> None:
    for unit in units:
        file_list = FileList.objects.create(unit=unit, year=2026)
        for n in range(12):
            entry = FileListEntry.objects.create(
                file_list=file_list, heading="H", notation=f"N-{n}", title="T", handling_unit=unit
            )
            opened = datetime.date(2026, 1, 1) + datetime.timedelta(days=rng.randrange(120))
            closed = (
                opened + datetime.timedelta(days=rng.randrange(60)) if rng.random() < 0.7 else None
            )
            WorkFile.objects.create(
                unit=unit,
                handling_unit=unit,
                entry=entry,
                code=f"U{unit.pk}.2026.N-{n}",
                year=2026,
                notation=entry.notation,
                title="T",
                opened_on=opened,
                closed_on=closed,
                status="closed" if closed else "open",
                handled_online=(rng.random() < 0.6) if closed else None,
            )


def test_the_figure_matches_a_naive_count(docs_world, unit_head):
    rng = random.Random(13)
    units = [docs_world.district_a, docs_world.commune_a, docs_world.district_b]
    _files(units, rng)
    first, last = datetime.date(2026, 2, 1), datetime.date(2026, 3, 31)

    rows, total = work_file_figures(user=unit_head, first=first, last=last)

    seen = {docs_world.district_a.pk, docs_world.commune_a.pk}  # district B is out of reach
    files = [f for f in WorkFile.objects.all() if f.unit_id in seen]
    for row in rows:
        mine = [f for f in files if f.unit_id == row.unit.pk]
        assert row.opened == sum(first <= f.opened_on <= last for f in mine)
        closed = [f for f in mine if f.closed_on and first <= f.closed_on <= last]
        assert (row.closed, row.online) == (
            len(closed),
            sum(bool(f.handled_online) for f in closed),
        )
    assert {r.unit.pk for r in rows} <= seen
    assert total.closed == sum(r.closed for r in rows)
    commune = next(r for r in rows if r.unit == docs_world.commune_a)
    assert commune.target == 60 and online_target("district", 2024) == 80
