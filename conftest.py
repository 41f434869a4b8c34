"""Shared test fixtures: a small org world and the personas of the style guide.

World (built through services, so paths and audit entries are real):

    city (Hà Nội)
    ├── city_office (Văn phòng UBND)           ← unit_head with subtree over the city
    ├── dept (Sở Thông tin và Truyền thông)
    ├── district_a (Quận Ba Đình)
    │   ├── division_a (Phòng Văn hóa và Thông tin)
    │   ├── desk_a (Bộ phận một cửa)
    │   └── commune_a (Phường Phúc Xá)
    └── district_b (Quận Hoàn Kiếm)
        └── commune_b (Phường Hàng Trống)
"""

from __future__ import annotations

import datetime
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from egov.accounts.models import User
from egov.accounts.services import officer_account_create, public_account_register
from egov.orgs.models import OrgUnit
from egov.orgs.services import membership_grant, orgunit_create

PASSWORD = "Mật-khẩu-thử-2026"  # noqa: S105


def pytest_sessionstart(session: pytest.Session) -> None:
    """Build the .mo catalogs from the committed .po files before any test renders text."""
    from egov.portal.translations import compile_catalogs

    compile_catalogs()


@dataclass
class World:
    city: OrgUnit
    city_office: OrgUnit
    dept: OrgUnit
    district_a: OrgUnit
    division_a: OrgUnit
    desk_a: OrgUnit
    commune_a: OrgUnit
    district_b: OrgUnit
    commune_b: OrgUnit


@pytest.fixture
def world(db: None) -> World:
    def unit(name: str, kind: str, parent: OrgUnit | None = None, **kw: object) -> OrgUnit:
        return orgunit_create(actor=None, name=name, kind=kind, parent=parent, **kw)

    city = unit("Thành phố Hà Nội", "province", admin_code="01", admin_code_scheme="test")
    district_a = unit("Quận Ba Đình", "district", city, admin_code="001", admin_code_scheme="test")
    district_b = unit(
        "Quận Hoàn Kiếm", "district", city, admin_code="002", admin_code_scheme="test"
    )
    return World(
        city=city,
        city_office=unit("Văn phòng UBND Thành phố", "department", city, short_name="VP"),
        dept=unit("Sở Thông tin và Truyền thông", "department", city, short_name="STTTT"),
        district_a=district_a,
        division_a=unit("Phòng Văn hóa và Thông tin", "division", district_a, short_name="VHTT"),
        desk_a=unit("Bộ phận một cửa quận Ba Đình", "one_stop_desk", district_a),
        commune_a=unit("Phường Phúc Xá", "commune", district_a),
        district_b=district_b,
        commune_b=unit("Phường Hàng Trống", "commune", district_b),
    )


def make_officer(email: str, unit: OrgUnit, role: str, *, subtree: bool = False) -> User:
    user = officer_account_create(
        actor=None, full_name=email.split("@")[0].title(), email=email, password=PASSWORD
    )
    membership_grant(
        actor=None,
        user=user,
        unit=unit,
        role=role,
        includes_subtree=subtree,
        started_on=datetime.date(2020, 1, 1),
    )
    return user


@pytest.fixture
def front_desk_officer(world: World) -> User:
    return make_officer("motcua.badinh@example.vn", world.desk_a, "front_desk_officer")


@pytest.fixture
def clerk(world: World) -> User:
    return make_officer("vanthu.badinh@example.vn", world.district_a, "clerk")


@pytest.fixture
def specialist(world: World) -> User:
    return make_officer("chuyenvien.vhtt@example.vn", world.division_a, "specialist")


@pytest.fixture
def division_head(world: World) -> User:
    return make_officer("truongphong.vhtt@example.vn", world.division_a, "division_head")


@pytest.fixture
def unit_head(world: World) -> User:
    """Chairman of district A: acts for the district and every unit below it."""
    return make_officer("chutich.badinh@example.vn", world.district_a, "unit_head", subtree=True)


@pytest.fixture
def other_district_officer(world: World) -> User:
    return make_officer(
        "chuyenvien.hoankiem@example.vn", world.district_b, "specialist", subtree=True
    )


@pytest.fixture
def system_admin(world: World) -> User:
    return make_officer("quantri@example.vn", world.city, "system_admin", subtree=True)


@pytest.fixture
def citizen(db: None) -> User:
    return public_account_register(
        full_name="Nguyễn Văn An", password=PASSWORD, phone="0912345678", citizen_id="001085012345"
    )


@pytest.fixture(autouse=True)
def _default_language() -> None:
    """Each test starts in the default language: a request with another Accept-Language leaves
    its language active in the thread (LocaleMiddleware never deactivates it)."""
    from django.utils import translation

    translation.deactivate()


# Rows the data migrations load, which a transactional test's flush empties: (module, function).
# A new migration that seeds rows (not one that transforms existing ones) adds its line here.
REFERENCE_DATA = (
    ("egov.onestop.migrations.0003_load_rule_sets", "load"),
    ("egov.workdays.migrations.0002_load_shipped_adjustments", "load"),
    ("egov.documents.migrations.0002_load_document_types", "load"),
    ("egov.complaints.migrations.0002_load_rule_sets", "load"),
    ("egov.complaints.migrations.0007_crowded_cases", "seed_2019_plan"),
    ("egov.disclosure.migrations.0002_load_duties", "load"),
    ("egov.feedback.migrations.0006_report_channel_scan_product_category", "product_category_add"),
)


def _is_transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """A transactional test (threads, browser) empties the database when it ends, which removes
    the rows data migrations loaded (one-stop and complaints rule sets, the working-day
    calendar, document types, disclosure duties, the product category). Once its fixtures are
    torn down, those rows are loaded again (idempotent) and the cache emptied (rate-limit
    counters in the database cache's table, which is not a model): the next test, transactional
    or not, finds the database as migrations left it. With pytest-xdist both kinds of test run
    in any order in each worker."""
    result = yield
    # nextitem None: the session ends, its test database is already gone
    if nextitem is not None and _is_transactional(item):
        import importlib

        from django.apps import apps
        from django.core.cache import cache
        from django.db import transaction
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            cache.clear()
            for module, function in REFERENCE_DATA:
                with transaction.atomic():
                    getattr(importlib.import_module(module), function)(apps, None)
    return result


# Browser tests: Playwright driving Debian's Chromium (/usr/bin/chromium) against live_server.
# Without Chromium they are skipped, unless EGOV_REQUIRE_BROWSER=1 (as in CI). The browser lives
# for one test module: Playwright's sync API keeps an event loop in this thread while it runs,
# which must not outlive the module (Django would refuse ORM calls of later tests).
CHROMIUM = os.environ.get("EGOV_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not shutil.which(CHROMIUM):
        if os.environ.get("EGOV_REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium not found at {CHROMIUM} (EGOV_REQUIRE_BROWSER=1)")
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    # The test's own ORM calls run beside Playwright's loop in this thread.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
            yield instance
            instance.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def page(browser: object, live_server: object) -> Iterator[object]:
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    new_page = context.new_page()
    new_page.set_default_timeout(15000)
    yield new_page
    context.close()
