"""Fixtures of the feedback tests: a ward's officers (clerk, specialist, chairman), a
department specialist, categories routed to the ward of the place or to the department, and
photos with and without a GPS position in their EXIF data."""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal

import pytest
from PIL import Image

from conftest import World, make_officer
from egov.accounts.models import User
from egov.feedback.models import Category


@dataclass
class Ward:
    clerk: User
    specialist: User
    head: User


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def ward(world: World) -> Ward:
    return Ward(
        clerk=make_officer("vanthu.phucxa@example.vn", world.commune_a, "clerk"),
        specialist=make_officer("chuyenvien.phucxa@example.vn", world.commune_a, "specialist"),
        head=make_officer("chutich.phucxa@example.vn", world.commune_a, "unit_head"),
    )


@pytest.fixture
def dept_specialist(world: World) -> User:
    return make_officer("chuyenvien.stttt@example.vn", world.dept, "specialist")


@pytest.fixture
def lighting(db: None) -> Category:
    return Category.objects.create(code="lighting", name="Chiếu sáng công cộng")


@pytest.fixture
def telecoms(world: World) -> Category:
    return Category.objects.create(
        code="telecoms",
        name="Hạ tầng viễn thông",
        routing="unit",
        unit=world.dept,
        answer_days=Decimal("10"),
    )


def photo_bytes(*, gps: bool = True, kind: str = "JPEG") -> bytes:
    """A small photo; with ``gps`` its EXIF data holds a position in Hà Nội (21.03, 105.85)."""
    image = Image.new("RGB", (32, 24), (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "Camera maker"
    if gps:
        exif[0x8825] = {1: "N", 2: (21.0, 1.0, 48.0), 3: "E", 4: (105.0, 51.0, 0.0)}
    out = io.BytesIO()
    image.save(out, format=kind, exif=exif.tobytes())
    return out.getvalue()
