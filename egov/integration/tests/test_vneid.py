"""National identity login over OpenID Connect against the provider simulator (discovery,
authorisation page, token endpoint with an RS256 ID token, JWKS): the citizen is found by the
12-digit ID number or registered, the level kept on the session; a wrong state, nonce or
signature and a provider that is down log nobody in."""

from __future__ import annotations

import base64
import html
import json
import re
from urllib.parse import parse_qsl, urlsplit

import httpx
import pytest
from django.urls import reverse
from joserfc import jwt
from joserfc.jwk import RSAKey

from egov.accounts.models import ExternalIdentity, User
from egov.audit.models import AuditEvent
from egov.integration.choices import IntegrationAuditAction
from egov.integration.services import client as connector_client
from egov.integration.simulators.vneid import subject_of, vneid_forget
from egov.integration.tests.conftest import Recording
from egov.integration.views import ASSURANCE_SESSION, VNEID_SESSION

pytestmark = pytest.mark.django_db

EN = {"Accept-Language": "en"}


@pytest.fixture(autouse=True)
def _fresh_codes():
    vneid_forget()
    yield
    vneid_forget()


def _text(response) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


def _to_provider(client, next_url=""):
    query = {"next": next_url} if next_url else {}
    started = client.get(reverse("integration:vneid-login"), query)
    assert started.status_code == 302
    split = urlsplit(started["Location"])
    return split.path, dict(parse_qsl(split.query))


def _choose(client, path, params, citizen_id):
    """The citizen chosen on the provider's page; returns the callback path and answer."""
    back = client.post(path, {**params, "citizen": citizen_id})
    assert back.status_code == 302
    split = urlsplit(back["Location"])
    return split.path, dict(parse_qsl(split.query))


def test_a_citizen_with_an_account_logs_in_with_the_national_identity(simulators, client, citizen):
    login_page = client.get(reverse("accounts:login"), headers=EN)
    assert "Log in with the national identity (VNeID)" in _text(login_page)

    path, params = _to_provider(client, next_url="/my/dossiers/")
    assert path == "/sim/vneid/authorize"
    kept = client.session[VNEID_SESSION]
    assert (params["state"], params["nonce"], params["client_id"]) == (
        kept["state"],
        kept["nonce"],
        "egov-hanoi",
    )
    page = client.get(path, params, headers=EN)
    assert "Nguyễn Văn An (001085012345, level 2)" in _text(page)
    back_path, answer = _choose(client, path, params, "001085012345")
    done = client.get(back_path, answer)

    assert (done.status_code, done["Location"]) == (302, "/my/dossiers/")
    assert int(client.session["_auth_user_id"]) == citizen.pk
    assert client.session[ASSURANCE_SESSION] == 2
    identity = ExternalIdentity.objects.get()
    assert (identity.user_id, identity.provider, identity.subject) == (
        citizen.pk,
        "vneid",
        subject_of("001085012345"),
    )
    event = AuditEvent.objects.get(action=IntegrationAuditAction.NATIONAL_IDENTITY_LOGIN)
    assert event.changes == {"provider": "vneid", "level": 2, "created": False}


def test_a_citizen_without_an_account_is_registered_by_the_id_number(simulators, client):
    path, params = _to_provider(client)
    back_path, answer = _choose(client, path, params, "001190004567")

    done = client.get(back_path, answer)

    user = User.objects.get(citizen_id="001190004567")
    assert (done.status_code, done["Location"]) == (302, "/")
    assert (user.kind, user.full_name, user.phone, user.has_usable_password()) == (
        "citizen",
        "Trần Thị Bình",
        "0987654321",
        False,
    )
    assert int(client.session["_auth_user_id"]) == user.pk
    # the second time the link finds the same account
    client.logout()
    path, params = _to_provider(client)
    client.get(*_choose(client, path, params, "001190004567"))
    assert int(client.session["_auth_user_id"]) == user.pk
    assert User.objects.filter(citizen_id="001190004567").count() == 1


def test_an_answer_with_another_state_or_replayed_logs_nobody_in(simulators, client, citizen):
    path, params = _to_provider(client)
    back_path, answer = _choose(client, path, params, "001085012345")

    forged = client.get(back_path, {**answer, "state": "someone-elses"}, headers=EN)
    replayed = client.get(back_path, answer, headers=EN)  # the state was used up

    assert forged.status_code == 400
    assert "does not match a login started here" in _text(forged)
    assert replayed.status_code == 400
    assert "_auth_user_id" not in client.session
    assert not ExternalIdentity.objects.exists()


def test_an_id_token_for_another_nonce_is_refused(simulators, client, citizen):
    path, params = _to_provider(client)
    back_path, answer = _choose(client, path, params, "001085012345")
    session = client.session
    session[VNEID_SESSION] = {**session[VNEID_SESSION], "nonce": "another-nonce"}
    session.save()

    response = client.get(back_path, answer, headers=EN)

    assert response.status_code == 400
    assert "could not be verified; nobody was logged in" in _text(response)
    assert "_auth_user_id" not in client.session


def test_an_id_token_signed_with_another_key_is_refused(simulators, client, citizen):
    stranger = RSAKey.generate_key(2048, parameters={"kid": "sim-vneid-1"})

    def resign(request):
        response = simulators.handle_request(request)
        if not request.url.path.endswith("/token"):
            return response
        body = response.json() if response.status_code == 200 else {}
        if "id_token" in body:
            claims = _claims_of(body["id_token"])
            body["id_token"] = jwt.encode({"alg": "RS256", "kid": "sim-vneid-1"}, claims, stranger)
        return httpx.Response(response.status_code, json=body)

    connector_client.transport_set(Recording(reply=resign))
    path, params = _to_provider(client)
    back_path, answer = _choose(client, path, params, "001085012345")

    response = client.get(back_path, answer, headers=EN)

    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def _claims_of(token: str) -> dict:
    """The claims of a token as sent (read, not verified: they are re-signed)."""
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def test_a_provider_that_is_down_is_told_and_nobody_is_logged_in(simulators, client, settings):
    settings.EGOV_INTEGRATION_RETRIES = 1

    def timeout(request):
        raise httpx.ConnectTimeout("timed out", request=request)

    connector_client.transport_set(httpx.MockTransport(timeout))

    response = client.get(reverse("integration:vneid-login"), headers=EN)

    assert response.status_code == 503
    assert "National identity login (VNeID) cannot be reached now" in _text(response)
    assert VNEID_SESSION not in client.session


def test_without_a_provider_there_is_no_button_and_no_login(client):
    page = client.get(reverse("accounts:login"), headers=EN)
    response = client.get(reverse("integration:vneid-login"), headers=EN)

    assert "VNeID" not in _text(page)
    assert response.status_code == 404
    assert "Login with the national identity is not available." in _text(response)


def test_an_officer_with_the_same_id_number_is_not_logged_in(simulators, client, world):
    from conftest import make_officer

    officer = make_officer("canbo.vneid@example.vn", world.desk_a, "front_desk_officer")
    User.objects.filter(pk=officer.pk).update(citizen_id="001085012345")
    path, params = _to_provider(client)
    back_path, answer = _choose(client, path, params, "001085012345")

    response = client.get(back_path, answer, headers=EN)

    assert response.status_code == 400
    assert "_auth_user_id" not in client.session
    assert not ExternalIdentity.objects.exists()


def test_a_discovery_document_of_another_issuer_is_not_followed(simulators, client):
    def elsewhere(request):
        response = simulators.handle_request(request)
        if request.url.path.endswith("openid-configuration"):
            body = {**response.json(), "authorization_endpoint": "https://evil.example/authorize"}
            body["issuer"] = "https://evil.example"
            return httpx.Response(200, json=body)
        return response

    connector_client.transport_set(Recording(reply=elsewhere))

    response = client.get(reverse("integration:vneid-login"), headers=EN)

    assert response.status_code == 503
    assert "names another issuer" in _text(response)
    assert VNEID_SESSION not in client.session
