"""Pure rules of the integration layer: identifier formats, X-Road header values, the national
portal's status codes, the payment gateway's parameter signature and the push back-off."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import re
from collections.abc import Mapping, Sequence
from urllib.parse import quote, urlencode

CITIZEN_ID = re.compile(r"\d{12}")
# Where the session keeps the level of assurance of the login (1 or 2: a VNeID login's level;
# absent: a password login, level 0). Pages of other apps read it (a fully online service).
ASSURANCE_SESSION_KEY = "egov_assurance_level"
# Enterprise code = tax code: 10 digits; a branch or representative office: 10 + "-" + 3 digits
# (13 digits for pre-2015 units; Decree 01/2021/NĐ-CP art. 8).
TAX_CODE = re.compile(r"\d{10}(-?\d{3})?")

# The national public-service portal's dossier status codes (TrangThaiHoSo; shared/domain
# vn-egov-spec §1.7, a secondary source: verify against the portal's integration guide).
NATIONAL_STATUS_CODES = {
    "1": "Mới đăng ký",
    "2": "Được tiếp nhận",
    "3": "Không được tiếp nhận",
    "4": "Đang xử lý",
    "5": "Yêu cầu bổ sung giấy tờ",
    "6": "Yêu cầu thực hiện nghĩa vụ tài chính",
    "7": "Công dân yêu cầu rút hồ sơ",
    "8": "Dừng xử lý",
    "9": "Đã xử lý xong",
    "10": "Đã trả kết quả",
}

# The gateway's signature parameter (VNPAY-style redirect-and-IPN protocol: every parameter
# but the signature, sorted by name, URL-encoded, HMAC-SHA512 with the merchant's secret).
SIGNATURE_FIELD = "vnp_SecureHash"
# The gateway's transaction query (querydr): the request's and the answer's values joined by
# "|" in this order, HMAC-SHA512 with the merchant's secret (VNPAY merchant API 2.1.0).
QUERY_REQUEST_FIELDS = (
    "vnp_RequestId",
    "vnp_Version",
    "vnp_Command",
    "vnp_TmnCode",
    "vnp_TxnRef",
    "vnp_TransactionDate",
    "vnp_CreateDate",
    "vnp_IpAddr",
    "vnp_OrderInfo",
)
QUERY_RESPONSE_FIELDS = (
    "vnp_ResponseId",
    "vnp_Command",
    "vnp_ResponseCode",
    "vnp_Message",
    "vnp_TmnCode",
    "vnp_TxnRef",
    "vnp_Amount",
    "vnp_BankCode",
    "vnp_PayDate",
    "vnp_TransactionNo",
    "vnp_TransactionType",
    "vnp_TransactionStatus",
    "vnp_OrderInfo",
    "vnp_PromotionCode",
    "vnp_PromotionAmount",
)
# How long the payer has to pay an order on the gateway's page (vnp_ExpireDate).
PAYMENT_ORDER_LIFETIME = datetime.timedelta(minutes=15)
PUSH_FIRST_RETRY = datetime.timedelta(seconds=30)
PUSH_LONGEST_WAIT = datetime.timedelta(hours=1)


def citizen_id_valid(value: str) -> bool:
    """A 12-digit personal identification number (Law on Identification 26/2023)."""
    return bool(CITIZEN_ID.fullmatch(value or ""))


def tax_code_valid(value: str) -> bool:
    return bool(TAX_CODE.fullmatch(value or ""))


def identifier_masked(value: str) -> str:
    """A personal identifier as the request log keeps it: first four and last two digits."""
    if len(value) <= 6:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 6) + value[-2:]


def xroad_client_header(identifier: str) -> str:
    """``X-Road-Client``: instance/class/member/subsystem, each part percent-encoded, the
    separators kept (X-Road message protocol for REST)."""
    return "/".join(quote(part, safe="") for part in identifier.split("/"))


def national_status_valid(code: str) -> bool:
    return code in NATIONAL_STATUS_CODES


def payment_signature(params: Mapping[str, str], secret: str) -> str:
    """The HMAC-SHA512 (hex) of the parameters other than the signature, sorted by name and
    URL-encoded, keyed with the merchant's secret."""
    data = urlencode(sorted((k, str(v)) for k, v in params.items() if k != SIGNATURE_FIELD))
    return hmac.new(secret.encode(), data.encode(), hashlib.sha512).hexdigest()


def payment_signature_valid(params: Mapping[str, str], secret: str) -> bool:
    given = str(params.get(SIGNATURE_FIELD, ""))
    return bool(given) and hmac.compare_digest(given.lower(), payment_signature(params, secret))


def payment_pipe_signature(params: Mapping[str, object], fields: Sequence[str], secret: str) -> str:
    """The querydr signature: the values of ``fields`` joined by "|", HMAC-SHA512 (hex)."""
    data = "|".join(str(params.get(name, "")) for name in fields)
    return hmac.new(secret.encode(), data.encode(), hashlib.sha512).hexdigest()


def payment_pipe_signature_valid(
    params: Mapping[str, object], fields: Sequence[str], secret: str
) -> bool:
    given = str(params.get(SIGNATURE_FIELD, ""))
    expected = payment_pipe_signature(params, fields, secret)
    return bool(given) and hmac.compare_digest(given.lower(), expected)


def push_next_wait(attempts: int) -> datetime.timedelta:
    """How long a failed status push waits before the next try: doubling from 30 s, at most an
    hour (it is retried until the portal acknowledges it)."""
    wait = PUSH_FIRST_RETRY * (2 ** max(attempts - 1, 0))
    return min(wait, PUSH_LONGEST_WAIT)
