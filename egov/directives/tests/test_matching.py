"""Matching unit names of task tables (pure), and against the loaded Hà Nội 2020 dataset."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from egov.directives.importing import UnitDirectory, UnitRow, bullets_split, names_split
from egov.directives.importing.units import AMBIGUOUS, COLLECTIVE, MATCHED, UNMATCHED
from egov.directives.services.imports import directory_for
from egov.directives.tests.factories import DirectiveFactory
from egov.orgs.models import OrgUnit

UNITS = [
    UnitRow(1, "Thành phố Hà Nội", "province"),
    UnitRow(2, "Văn phòng UBND Thành phố", "department", "VP", 1),
    UnitRow(3, "Sở Thông tin và Truyền thông", "department", "STTTT", 1),
    UnitRow(4, "Sở Kế hoạch và Đầu tư", "department", "SKHĐT", 1),
    UnitRow(5, "Sở Lao động - Thương binh và Xã hội", "department", "SLĐTBXH", 1),
    UnitRow(10, "Quận Ba Đình", "district", "", 1),
    UnitRow(11, "Huyện Sóc Sơn", "district", "", 1),
    UnitRow(12, "Thị xã Sơn Tây", "district", "", 1),
    UnitRow(20, "Phường Phúc Xá", "commune", "", 10),
    UnitRow(21, "Xã Phù Linh", "commune", "", 11),
    UnitRow(22, "Thị trấn Sóc Sơn", "commune", "", 11),
    UnitRow(30, "Văn phòng HĐND và UBND quận Ba Đình", "division", "VP", 10),
]
DIRECTORY = UnitDirectory(UNITS, scope_root_id=1)


@pytest.mark.parametrize(
    ("name", "unit_id"),
    [
        ("Sở TT&TT", 3),
        ("Sở TT và TT", 3),
        ("sở thông tin và truyền thông", 3),
        ("So Thong tin va Truyen thong", 3),
        ("Sở Thông tin và Truyền thông Hà Nội", 3),
        ("Sở Thông tin và Truyền thông thành phố", 3),
        ("STTTT", 3),
        ("Sở KH&ĐT", 4),
        ("Sở KH-ĐT", 4),
        ("Sở LĐ-TB&XH", 5),
        ("VP UBND TP", 2),
        ("Văn phòng UBND Thành phố", 2),
        ("UBND quận Ba Đình", 10),
        ("Ủy ban nhân dân quận Ba Đình", 10),
        ("Quận Ba Đình", 10),
        ("UBND Thành phố", 1),
        ("Sở TT&TT (chủ trì)", 3),
    ],
)
def test_names_match_one_unit(name, unit_id):
    match = DIRECTORY.match(name)

    assert (match.status, match.unit_ids) == (MATCHED, [unit_id])


@pytest.mark.parametrize(
    ("name", "unit_ids"),
    [
        ("UBND các quận, huyện, thị xã", [11, 10, 12]),
        ("UBND cấp huyện", [11, 10, 12]),
        ("các quận, huyện", [11, 10]),
        ("UBND các huyện", [11]),
        ("UBND các xã, phường, thị trấn", [20, 22, 21]),
        ("UBND cấp xã", [20, 22, 21]),
        ("Các sở, ngành", [4, 5, 3, 2]),
        ("các sở, ban, ngành Thành phố", [4, 5, 3, 2]),
    ],
)
def test_collectives_expand_to_every_unit_of_their_kind(name, unit_ids):
    match = DIRECTORY.match(name)

    assert (match.status, match.unit_ids) == (COLLECTIVE, unit_ids)


@pytest.mark.parametrize(
    ("name", "status"),
    [
        ("Sở Văn hóa và Thể thao", UNMATCHED),
        ("UBND quận", UNMATCHED),
        ("Các sở, ngành liên quan", UNMATCHED),
        ("VP", AMBIGUOUS),
        ("Văn phòng", UNMATCHED),
    ],
)
def test_problem_names_are_never_guessed(name, status):
    match = DIRECTORY.match(name)

    assert (match.status, match.unit_ids) == (status, [])


def test_ambiguous_and_unmatched_names_come_with_candidates():
    assert [u.id for u in DIRECTORY.match("VP").candidates] == [30, 2]
    assert [u.id for u in DIRECTORY.match("Sở Kế hoạch").candidates] == [4]
    assert [u.id for u in DIRECTORY.match("các sở, ngành liên quan").candidates] == [4, 5, 3, 2]


@pytest.mark.parametrize(
    ("cell", "names"),
    [
        ("Sở TT&TT, Sở KH&ĐT", ["Sở TT&TT", "Sở KH&ĐT"]),
        ("Sở TT&TT; Sở KH&ĐT.", ["Sở TT&TT", "Sở KH&ĐT"]),
        ("Sở TT&TT và Sở KH&ĐT", ["Sở TT&TT", "Sở KH&ĐT"]),
        ("Sở Lao động - Thương binh và Xã hội", ["Sở Lao động - Thương binh và Xã hội"]),
        (
            "Các sở, ngành; UBND các quận, huyện, thị xã",
            ["Các sở, ngành", "UBND các quận, huyện, thị xã"],
        ),
        ("Sở TT&TT, UBND các xã, phường, thị trấn", ["Sở TT&TT", "UBND các xã, phường, thị trấn"]),
    ],
)
def test_names_split_keeps_collective_phrases_whole(cell, names):
    assert names_split(cell) == names


@pytest.mark.parametrize(
    ("cell", "items"),
    [
        ("- Một\n- Hai", ["Một", "Hai"]),
        ("• Một\n• Hai\ntiếp theo", ["Một", "Hai tiếp theo"]),
        ("+ Một\r\n+ Hai", ["Một", "Hai"]),
        ("Sở TT&TT\nSở KH&ĐT", ["Sở TT&TT", "Sở KH&ĐT"]),
        (
            "- Hạ tầng:\n + Trạm 5G\n + Cáp quang\n- Dữ liệu",
            ["Hạ tầng: Trạm 5G", "Hạ tầng: Cáp quang", "Dữ liệu"],
        ),
        ("a) Một\nb) Hai", ["Một", "Hai"]),
        ("1,8 triệu con", ["1,8 triệu con"]),
        ("", []),
    ],
)
def test_bullets_split(cell, items):
    assert bullets_split(cell) == items


@pytest.mark.django_db
def test_names_against_the_hanoi_2020_dataset():
    call_command("load_orgs", "hanoi-2020", verbosity=0)
    city = OrgUnit.objects.get(kind="province", status="active", name="Thành phố Hà Nội")
    directory = directory_for(DirectiveFactory(unit=city))

    assert [OrgUnit.objects.get(pk=i).name for i in directory.match("Sở TT&TT").unit_ids] == [
        "Sở Thông tin và Truyền thông"
    ]
    assert len(directory.match("UBND các quận, huyện, thị xã").unit_ids) == 30
    assert len(directory.match("UBND các huyện").unit_ids) == 17
    assert len(directory.match("UBND các xã, phường, thị trấn").unit_ids) == 579
    assert directory.match("UBND huyện Sóc Sơn").status == MATCHED
    assert directory.match("Phòng Văn hóa và Thông tin quận Ba Đình").status == MATCHED
    assert directory.match("VP").status == AMBIGUOUS
