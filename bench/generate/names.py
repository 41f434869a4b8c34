"""Vietnamese names, streets and phrases the generator draws from (fixed lists, fixed seed).

Family names are weighted roughly by their frequency in Viet Nam (Nguyễn about 38 %, Trần 11 %,
Lê 9.5 %, ...); middle and given names are common ones for men and women. Addresses are built
from these street names and the commune / district names of the real unit list.
"""

from __future__ import annotations

import random

FAMILY = (
    ("Nguyễn", 380),
    ("Trần", 110),
    ("Lê", 95),
    ("Phạm", 70),
    ("Hoàng", 51),
    ("Huỳnh", 10),
    ("Phan", 45),
    ("Vũ", 39),
    ("Võ", 10),
    ("Đặng", 21),
    ("Bùi", 20),
    ("Đỗ", 14),
    ("Hồ", 13),
    ("Ngô", 13),
    ("Dương", 10),
    ("Lý", 5),
    ("Đào", 6),
    ("Đinh", 6),
    ("Lương", 4),
    ("Trịnh", 5),
    ("Mai", 3),
    ("Tạ", 3),
    ("Cao", 3),
    ("Kiều", 2),
    ("Chu", 3),
    ("Lưu", 3),
    ("Tô", 2),
    ("Khuất", 1),
    ("Nghiêm", 1),
    ("Triệu", 2),
)
MIDDLE_MALE = (
    "Văn",
    "Văn",
    "Văn",
    "Đức",
    "Minh",
    "Quang",
    "Hữu",
    "Thành",
    "Xuân",
    "Tiến",
    "Mạnh",
    "Công",
    "Hoàng",
    "Trọng",
    "Anh",
    "Ngọc",
    "Duy",
    "Việt",
)
MIDDLE_FEMALE = (
    "Thị",
    "Thị",
    "Thị",
    "Thu",
    "Ngọc",
    "Thanh",
    "Minh",
    "Phương",
    "Hồng",
    "Thúy",
    "Kim",
    "Lan",
    "Mai",
    "Hải",
    "Bích",
    "Diệu",
)
GIVEN_MALE = (
    "An",
    "Anh",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Đức",
    "Giang",
    "Hải",
    "Hiếu",
    "Hoàng",
    "Hùng",
    "Huy",
    "Khánh",
    "Khoa",
    "Lâm",
    "Long",
    "Minh",
    "Nam",
    "Nghĩa",
    "Phong",
    "Phúc",
    "Quân",
    "Quang",
    "Sơn",
    "Tài",
    "Thắng",
    "Thành",
    "Toàn",
    "Trung",
    "Tuấn",
    "Tùng",
    "Việt",
    "Vinh",
    "Vũ",
)
GIVEN_FEMALE = (
    "Anh",
    "Châu",
    "Chi",
    "Dung",
    "Duyên",
    "Giang",
    "Hà",
    "Hạnh",
    "Hằng",
    "Hiền",
    "Hoa",
    "Huệ",
    "Hương",
    "Lan",
    "Linh",
    "Loan",
    "Mai",
    "Minh",
    "My",
    "Nga",
    "Ngân",
    "Ngọc",
    "Nhung",
    "Oanh",
    "Phương",
    "Quỳnh",
    "Thảo",
    "Thu",
    "Thúy",
    "Trang",
    "Uyên",
    "Vân",
    "Yến",
)
STREETS = (
    "Phan Đình Phùng",
    "Đội Cấn",
    "Kim Mã",
    "Giảng Võ",
    "Ngọc Hà",
    "Liễu Giai",
    "Quán Thánh",
    "Nguyễn Thái Học",
    "Cống Vị",
    "Hoàng Hoa Thám",
    "Láng Hạ",
    "Tây Sơn",
    "Xã Đàn",
    "Giải Phóng",
    "Trường Chinh",
    "Lê Duẩn",
    "Nguyễn Trãi",
    "Cầu Giấy",
    "Xuân Thủy",
    "Hồ Tùng Mậu",
    "Phạm Văn Đồng",
    "Nguyễn Văn Cừ",
    "Ngọc Lâm",
    "Lạc Long Quân",
    "Âu Cơ",
    "Minh Khai",
    "Tam Trinh",
    "Lĩnh Nam",
    "Quang Trung",
    "Tô Hiệu",
    "Trần Phú",
    "Lê Lợi",
    "Hai Bà Trưng",
    "Bà Triệu",
    "Hàng Bài",
    "Đinh Tiên Hoàng",
    "Thụy Khuê",
    "Lạc Trung",
    "Kim Ngưu",
    "Nguyễn Khang",
)
BUSINESS_PREFIX = ("Công ty TNHH", "Công ty Cổ phần", "Hợp tác xã", "Hộ kinh doanh")
BUSINESS_WORDS = (
    "Sen Vàng",
    "Hồng Hà",
    "Thăng Long",
    "Phú Thịnh",
    "Minh Phát",
    "An Khang",
    "Đông Đô",
    "Việt Tiến",
    "Hà Thành",
    "Kim Long",
    "Tân Phát",
    "Bình Minh",
    "Hưng Thịnh",
    "Long Biên",
    "Tây Hồ",
    "Đại Việt",
    "Nam Cường",
    "Hoàng Long",
)

_FAMILY_NAMES = [name for name, _weight in FAMILY]
_FAMILY_CUM = []
_total = 0
for _name, _weight in FAMILY:
    _total += _weight
    _FAMILY_CUM.append(_total)


def person_name(rng: random.Random) -> str:
    """A full name: family, middle, given (e.g. "Trần Thị Thu Hà")."""
    family = rng.choices(_FAMILY_NAMES, cum_weights=_FAMILY_CUM)[0]
    if rng.random() < 0.5:
        middle, given = rng.choice(MIDDLE_MALE), rng.choice(GIVEN_MALE)
    else:
        middle, given = rng.choice(MIDDLE_FEMALE), rng.choice(GIVEN_FEMALE)
    return f"{family} {middle} {given}"


def business_name(rng: random.Random) -> str:
    return f"{rng.choice(BUSINESS_PREFIX)} {rng.choice(BUSINESS_WORDS)} {rng.choice(STREETS)}"


def address(rng: random.Random, commune: str, district: str) -> str:
    """A street address inside a real commune and district of the unit list."""
    return f"Số {rng.randint(1, 199)} {rng.choice(STREETS)}, {commune}, {district}, Hà Nội"


def citizen_id(rng: random.Random, index: int) -> str:
    """A 12-digit citizen ID of Hà Nội (province code 001): sex/century digit, birth year,
    then a serial made unique by ``index``."""
    century_sex = rng.choice("0123")
    year = rng.randint(40, 99) if century_sex in "01" else rng.randint(0, 7)
    return f"001{century_sex}{year:02d}{index:06d}"[:12]


def phone(index: int) -> str:
    """A unique mobile number (Viettel / Vinaphone / MobiFone prefixes) from ``index``."""
    prefixes = ("096", "097", "098", "086", "091", "094", "088", "090", "093", "089")
    return f"{prefixes[index % len(prefixes)]}{index // len(prefixes):07d}"
