"""`egov pki_demo_init`: the demo key store the demo and the browser tests sign with."""

from __future__ import annotations

import stat
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from egov.documents.choices import SignatureStatus
from egov.documents.render import document_pdf
from egov.documents.signing import pdf_sign, pdf_verify
from egov.documents.signing.keystore import unit_cert_path, unit_key_path
from egov.documents.tests.conftest_pki import document_build


@pytest.fixture
def key_store(settings, tmp_path):
    directory = tmp_path / "pki"
    settings.EGOV_SIGNING_KEY_DIR = directory
    settings.EGOV_TRUSTED_ROOTS = [str(directory / "root-ca.pem")]
    settings.EGOV_SIGNING_KEY_PASSPHRASE = ""
    return directory


def run(*args):
    out = StringIO()
    call_command("pki_demo_init", *args, stdout=out)
    return out.getvalue()


def test_makes_a_root_and_a_certificate_for_each_unit_with_a_clerk(key_store, world, clerk):
    output = run()

    assert output.splitlines() == [
        f"Demo root CA created in {key_store}.",
        "Unit certificates: 1 made, 0 already there.",
    ]
    assert sorted(path.name for path in (key_store / "units").iterdir()) == [
        f"{world.district_a.pk}.key.pem",
        f"{world.district_a.pk}.pem",
    ]
    assert stat.S_IMODE(unit_key_path(world.district_a.pk).stat().st_mode) == 0o600
    assert stat.S_IMODE((key_store / "root-ca.key.pem").stat().st_mode) == 0o600


def test_a_second_run_keeps_what_is_there_unless_forced(key_store, world, clerk):
    run()
    first = unit_cert_path(world.district_a.pk).read_bytes()

    assert run().splitlines() == ["Unit certificates: 0 made, 1 already there."]
    assert unit_cert_path(world.district_a.pk).read_bytes() == first
    assert run("--force").splitlines() == ["Unit certificates: 1 made, 0 already there."]
    assert unit_cert_path(world.district_a.pk).read_bytes() != first


def test_chosen_units_and_all_units(key_store, world):
    assert run("--unit", str(world.dept.pk)).splitlines()[-1] == (
        "Unit certificates: 1 made, 0 already there."
    )
    assert run("--all").splitlines() == ["Unit certificates: 7 made, 1 already there."]


def test_unknown_unit_is_refused(key_store, world):
    with pytest.raises(CommandError, match="No org unit with id"):
        run("--unit", "999999")


def test_a_foreign_root_without_its_key_is_left_alone(key_store, world):
    key_store.mkdir()
    (key_store / "root-ca.pem").write_bytes(b"a root installed by the administrator")

    with pytest.raises(CommandError, match="exists without its key"):
        run("--all")

    assert not (key_store / "units").exists()


def test_a_demo_certificate_signs_valid_documents_also_with_an_encrypted_key(
    key_store, world, settings
):
    settings.EGOV_SIGNING_KEY_PASSPHRASE = "mật khẩu khóa"
    run("--unit", str(world.district_a.pk))
    assert b"ENCRYPTED" in unit_key_path(world.district_a.pk).read_bytes()
    pdf = document_pdf(document_build(unit=world.district_a, signer_name="Nguyễn Văn An"))

    signed = pdf_sign(
        pdf,
        unit=world.district_a,
        signer_name="Nguyễn Văn An",
        reason="Ban hành",
        location="Hà Nội",
    )

    with translation.override("en"):
        [result] = pdf_verify(signed)
    assert (result.status, result.trusted) == (SignatureStatus.VALID, True)
    assert "egov demo root CA (not for production)" in result.detail
