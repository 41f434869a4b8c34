"""The national reporting system's simulator under ``/sim/national_reporting/`` (only with
``EGOV_INTEGRATION_SIMULATORS``): takes a report in the documented shape
(``services/national_reporting.py``), answers its receipt number, refuses a message missing
what the system needs with a reason, and applies the same idempotency key once. What it
received stays in this process's memory; its page lists it (the demo shows it beside egov)."""

from __future__ import annotations

import json
import threading

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from egov.integration.simulators.views import _enabled

_lock = threading.Lock()
_received: dict[str, dict] = {}  # idempotency key -> {"receipt": ..., "message": ...}
REQUIRED = ("MaBaoCao", "CheDoBaoCao", "KyBaoCao", "DonViBaoCao", "ChiTieu")


def reports_received() -> list[dict]:
    """What the simulator took, oldest first: each ``{"receipt", "message"}``."""
    with _lock:
        return list(_received.values())


def reports_forget() -> None:
    with _lock:
        _received.clear()


def _refusal(body: object) -> str:
    if not isinstance(body, dict):
        return "Thông điệp không phải đối tượng JSON"
    missing = [name for name in REQUIRED if not body.get(name)]
    if missing:
        return "Thiếu trường: " + ", ".join(missing)
    for line in body["ChiTieu"]:
        value = line.get("GiaTri") if isinstance(line, dict) else None
        if value is not None:
            try:
                float(value)
            except (TypeError, ValueError):
                return f"Chỉ tiêu {line.get('Ma', '?')}: giá trị không phải số"
    return ""


@csrf_exempt
@require_POST
def report_receive(request: HttpRequest) -> HttpResponse:
    _enabled()
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        return JsonResponse({"error_code": "400", "message": "JSON sai"}, status=400)
    reason = _refusal(body)
    if reason:
        return JsonResponse({"error_code": "422", "message": reason}, status=422)
    key = request.headers.get("Idempotency-Key", "") or body["MaBaoCao"]
    with _lock:
        if key not in _received:
            _received[key] = {"receipt": f"TN{len(_received) + 1:08d}", "message": body}
        receipt = _received[key]["receipt"]
    return JsonResponse({"error_code": "0", "message": "Đã tiếp nhận", "MaTiepNhan": receipt})


@require_GET
def reports_page(request: HttpRequest) -> HttpResponse:
    _enabled()
    return render(
        request, "integration/sim_national_reporting.html", {"received": reports_received()}
    )
