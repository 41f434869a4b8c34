"""Local simulators of the national systems egov connects to. The adapters are real; their
counterparts are simulated only because this machine cannot reach them (the national
population database, the business registry and the national portal sit on the government's
dedicated network behind NDOP/LGSP accounts; the payment gateway needs a merchant contract).

Mounted under ``/sim/<system>/`` and answering only with ``EGOV_INTEGRATION_SIMULATORS`` on
(the demo; off in production and in tests unless a test turns it on). The national portal
simulator keeps what it received in this process's memory, deduplicated by idempotency key.
"""

from __future__ import annotations

import base64
import json
import threading
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from egov.common.testing.files import pdf as sample_pdf
from egov.integration.rules import (
    NATIONAL_STATUS_CODES,
    QUERY_REQUEST_FIELDS,
    QUERY_RESPONSE_FIELDS,
    SIGNATURE_FIELD,
    payment_pipe_signature,
    payment_pipe_signature_valid,
    payment_signature,
    payment_signature_valid,
)
from egov.integration.simulators.data import CITIZENS, ENTERPRISES, PERSONAL_STORE

_lock = threading.Lock()
_portal_statuses: dict[str, list[dict]] = {}
_portal_keys: set[str] = set()
_payments: dict[str, dict] = {}
# Dossiers citizens submitted on the national portal for the city's agencies (the pull's source).
_portal_submitted: dict[str, dict] = {}
# E-results pushed to citizens' personal data stores, by citizen ID (deduplicated by key).
_store_results: dict[str, list[dict]] = {}
_store_keys: set[str] = set()
# The payer's choices on the simulated payment page and the gateway's response code for each.
PAY_OUTCOMES = {"pay": "00", "cancel": "24", "no_funds": "51"}


def _enabled() -> None:
    if not settings.EGOV_INTEGRATION_SIMULATORS:
        raise Http404


def portal_received(dossier_code: str) -> list[dict]:
    """What the national-portal simulator received for a dossier, oldest first."""
    with _lock:
        return list(_portal_statuses.get(dossier_code, []))


def portal_forget() -> None:
    with _lock:
        _portal_statuses.clear()
        _portal_keys.clear()
        _portal_submitted.clear()
        _store_results.clear()
        _store_keys.clear()


def portal_submitted_add(record: dict) -> None:
    """A dossier submitted on the national portal (the tests' and the demo's), by MaHoSo."""
    with _lock:
        _portal_submitted[str(record.get("MaHoSo", ""))] = dict(record)


@require_GET
def portal_submitted(request: HttpRequest) -> HttpResponse:
    """The dossiers submitted on the portal since ``tuNgay`` (ISO moment), oldest first."""
    _enabled()
    since = parse_datetime(request.GET.get("tuNgay", "") or "")
    if since is None:
        return JsonResponse({"error_code": "400", "message": "Thiếu tuNgay"}, status=400)
    with _lock:
        records = list(_portal_submitted.values())
    chosen = [
        r for r in records if (parse_datetime(str(r.get("NgayNopHoSo", ""))) or since) >= since
    ]
    chosen.sort(key=lambda r: str(r.get("NgayNopHoSo", "")))
    return JsonResponse({"error_code": "0", "HoSo": chosen})


def payments_forget() -> None:
    with _lock:
        _payments.clear()


@require_GET
def population_citizen(request: HttpRequest) -> HttpResponse:
    _enabled()
    record = CITIZENS.get(request.GET.get("soDinhDanh", ""))
    if record is None:
        return JsonResponse({"error_code": "404", "message": "Không tìm thấy công dân"}, status=404)
    return JsonResponse(record)


@require_GET
def business_enterprise(request: HttpRequest) -> HttpResponse:
    _enabled()
    record = ENTERPRISES.get(request.GET.get("maSoThue", ""))
    if record is None:
        return JsonResponse(
            {"error_code": "404", "message": "Không tìm thấy doanh nghiệp"}, status=404
        )
    return JsonResponse(record)


def _json_body(request: HttpRequest) -> dict | None:
    """The request's JSON object, or None when it is not one."""
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        return None
    return body if isinstance(body, dict) else None


@csrf_exempt
@require_POST
def portal_status(request: HttpRequest) -> HttpResponse:
    """CapNhatTienTrinh: one status of one dossier; the same idempotency key twice is applied
    once and acknowledged both times."""
    _enabled()
    body = _json_body(request)
    if body is None:
        return JsonResponse({"error_code": "400", "message": "JSON sai"}, status=400)
    code, status = str(body.get("MaHoSo", "")), str(body.get("TrangThai", ""))
    if not code or status not in NATIONAL_STATUS_CODES:
        return JsonResponse({"error_code": "422", "message": "Thiếu MaHoSo/TrangThai"}, status=422)
    key = request.headers.get("Idempotency-Key", "")
    with _lock:
        if not key or key not in _portal_keys:
            _portal_keys.add(key)
            _portal_statuses.setdefault(code, []).append(body)
    return JsonResponse({"error_code": "0", "message": "Thành công"})


@require_GET
def portal_dossier(request: HttpRequest) -> HttpResponse:
    _enabled()
    code = request.GET.get("maHoSo", "")
    received = portal_received(code)
    if not received:
        return JsonResponse({"error_code": "404", "message": "Không có hồ sơ"}, status=404)
    last = received[-1]
    return JsonResponse(
        {"MaHoSo": code, "TrangThai": last["TrangThai"], "LichSu": received}, status=200
    )


@require_GET
def portal_dossier_page(request: HttpRequest) -> HttpResponse:
    """A page of what the portal simulator received (the demo shows it beside egov)."""
    _enabled()
    with _lock:
        dossiers = {code: list(items) for code, items in sorted(_portal_statuses.items())}
    return render(
        request,
        "integration/sim_portal.html",
        {"dossiers": dossiers, "labels": NATIONAL_STATUS_CODES},
    )


@require_http_methods(["GET", "POST"])
def payment_pay(request: HttpRequest) -> HttpResponse:
    """The gateway's payment page: checks the merchant's signature, shows the order; "Pay"
    sends the payer back to the return URL with the signed result."""
    _enabled()
    params = dict((request.POST if request.method == "POST" else request.GET).items())
    params.pop("csrfmiddlewaretoken", None)
    outcome = params.pop("outcome", "")
    if not payment_signature_valid(params, settings.EGOV_PAYMENT_SECRET):
        return render(request, "integration/sim_payment.html", {"bad_signature": True}, status=400)
    if request.method == "GET":
        raw = params.get("vnp_Amount", "")
        amount = int(raw) // 100 if raw.isdigit() else 0
        context = {"params": params, "amount": f"{amount:,}".replace(",", ".")}
        return render(request, "integration/sim_payment.html", context)
    result = payment_result(params, outcome)
    return HttpResponseRedirect(f"{params.get('vnp_ReturnUrl', '/')}?{urlencode(result)}")


def payment_result(params: dict, outcome: str) -> dict:
    """The gateway's signed answer to the payer's choice on its page (also what the demo
    replays for its paid dossier), remembered for the transaction query."""
    result = {
        "vnp_TmnCode": params.get("vnp_TmnCode", ""),
        "vnp_Amount": params.get("vnp_Amount", ""),
        "vnp_TxnRef": params.get("vnp_TxnRef", ""),
        "vnp_OrderInfo": params.get("vnp_OrderInfo", ""),
        "vnp_ResponseCode": "11" if _expired(params) else PAY_OUTCOMES.get(outcome, "24"),
        "vnp_TransactionNo": "SIM" + params.get("vnp_TxnRef", "")[-8:],
    }
    result[SIGNATURE_FIELD] = payment_signature(result, settings.EGOV_PAYMENT_SECRET)
    with _lock:
        _payments[result["vnp_TxnRef"]] = result
    return result


def _expired(params: dict) -> bool:
    """Past the order's vnp_ExpireDate (local time, yyyyMMddHHmmss): the session expired."""
    expires = params.get("vnp_ExpireDate", "")
    now = timezone.localtime().strftime("%Y%m%d%H%M%S")
    return bool(expires) and now > expires


@csrf_exempt
@require_POST
def payment_query(request: HttpRequest) -> HttpResponse:
    """querydr: how an order ended, signed; 91 for an order the payer never finished."""
    _enabled()
    secret = settings.EGOV_PAYMENT_SECRET
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        body = {}
    if not isinstance(body, dict) or not payment_pipe_signature_valid(
        body, QUERY_REQUEST_FIELDS, secret
    ):
        return JsonResponse({"vnp_ResponseCode": "97", "vnp_Message": "Invalid checksum"})
    with _lock:
        done = _payments.get(str(body.get("vnp_TxnRef", "")))
    if done is None:
        return JsonResponse({"vnp_ResponseCode": "91", "vnp_Message": "Transaction not found"})
    answer = {
        "vnp_ResponseId": body["vnp_RequestId"],
        "vnp_Command": "querydr",
        "vnp_ResponseCode": "00",
        "vnp_Message": "QueryDR Success",
        "vnp_TmnCode": done["vnp_TmnCode"],
        "vnp_TxnRef": done["vnp_TxnRef"],
        "vnp_Amount": done["vnp_Amount"],
        "vnp_BankCode": "NCB",
        "vnp_PayDate": "",
        "vnp_TransactionNo": done["vnp_TransactionNo"],
        "vnp_TransactionType": "01",
        "vnp_TransactionStatus": "00" if done["vnp_ResponseCode"] == "00" else "02",
        "vnp_OrderInfo": done["vnp_OrderInfo"],
        "vnp_PromotionCode": "",
        "vnp_PromotionAmount": "",
    }
    answer[SIGNATURE_FIELD] = payment_pipe_signature(answer, QUERY_RESPONSE_FIELDS, secret)
    return JsonResponse(answer)


def personal_store_received(citizen_id: str) -> list[dict]:
    """The e-results the simulator's personal store received for a citizen, oldest first."""
    with _lock:
        return list(_store_results.get(citizen_id, []))


def _store_document(citizen_id: str, code: str) -> dict | None:
    return next((d for d in PERSONAL_STORE.get(citizen_id, []) if d["MaGiayTo"] == code), None)


@require_GET
def personal_store_documents(request: HttpRequest) -> HttpResponse:
    """The papers in a citizen's personal data store (metadata only), by ``soDinhDanh``; the
    results pushed to it are listed after the papers it started with."""
    _enabled()
    citizen_id = request.GET.get("soDinhDanh", "")
    if not citizen_id:
        return JsonResponse({"error_code": "400", "message": "Thiếu soDinhDanh"}, status=400)
    pushed = [
        {key: item[key] for key in ("MaGiayTo", "TenGiayTo", "CoQuanCap", "NgayCap")}
        for item in personal_store_received(citizen_id)
    ]
    return JsonResponse({"error_code": "0", "GiayTo": PERSONAL_STORE.get(citizen_id, []) + pushed})


@require_GET
def personal_store_document(request: HttpRequest) -> HttpResponse:
    """One paper of a citizen's personal data store with its file (base64 in ``NoiDung``)."""
    _enabled()
    citizen_id = request.GET.get("soDinhDanh", "")
    code = request.GET.get("maGiayTo", "")
    document = _store_document(citizen_id, code)
    if document is None:
        return JsonResponse({"error_code": "404", "message": "Không có giấy tờ"}, status=404)
    content = base64.b64encode(sample_pdf()).decode("ascii")
    return JsonResponse(
        {"error_code": "0", **document, "TenTep": f"{code}.pdf", "NoiDung": content}
    )


@csrf_exempt
@require_POST
def personal_store_result(request: HttpRequest) -> HttpResponse:
    """An e-result pushed to the citizen's personal data store; the same idempotency key twice
    is kept once and acknowledged both times."""
    _enabled()
    body = _json_body(request)
    if body is None:
        return JsonResponse({"error_code": "400", "message": "JSON sai"}, status=400)
    citizen_id, code = str(body.get("SoDinhDanh", "")), str(body.get("MaHoSo", ""))
    try:
        content = base64.b64decode(str(body.get("NoiDung", "")), validate=True)
    except ValueError:
        content = b""
    if not citizen_id or not code or not content.startswith(b"%PDF"):
        return JsonResponse(
            {"error_code": "422", "message": "Thiếu SoDinhDanh/MaHoSo/NoiDung"}, status=422
        )
    key = request.headers.get("Idempotency-Key", "")
    with _lock:
        items = _store_results.setdefault(citizen_id, [])
        if not key or key not in _store_keys:
            _store_keys.add(key)
            items.append(
                {
                    "MaGiayTo": f"KQ-{code}-{len(items) + 1}",
                    "TenGiayTo": str(body.get("TenGiayTo", ""))[:200],
                    "CoQuanCap": str(body.get("CoQuanCap", ""))[:200],
                    "NgayCap": str(body.get("NgayCap", ""))[:10],
                    "MaHoSo": code,
                    "Size": len(content),
                }
            )
    return JsonResponse({"error_code": "0", "message": "Thành công"})
