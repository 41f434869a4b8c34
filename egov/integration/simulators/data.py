"""The records the simulators answer with: invented people and enterprises (no real person's
data), in the national systems' published field names."""

CITIZENS = {
    "001085012345": {
        "soDinhDanh": "001085012345",
        "hoVaTen": "Nguyễn Văn An",
        "ngaySinh": "1985-03-12",
        "gioiTinh": "Nam",
        "noiThuongTru": "Số 12 phố Hàng Bông, phường Hoàn Kiếm, Thành phố Hà Nội",
        "queQuan": "Xã Đông Anh, Thành phố Hà Nội",
    },
    "001190004567": {
        "soDinhDanh": "001190004567",
        "hoVaTen": "Trần Thị Bình",
        "ngaySinh": "1990-11-02",
        "gioiTinh": "Nữ",
        "noiThuongTru": "Số 5 ngõ 102 Trường Chinh, phường Kim Liên, Thành phố Hà Nội",
        "queQuan": "Xã Thanh Oai, Thành phố Hà Nội",
    },
    "036079000888": {
        "soDinhDanh": "036079000888",
        "hoVaTen": "Lê Văn Cường",
        "ngaySinh": "1979-07-30",
        "gioiTinh": "Nam",
        "noiThuongTru": "Thôn Trung, xã Sóc Sơn, Thành phố Hà Nội",
        "queQuan": "Xã Hải Hậu, tỉnh Ninh Bình",
    },
}

# The first is the demo's business account (senvang@hanoi.demo), so its online form fills.
ENTERPRISES = {
    "0101234567": {
        "maSoDoanhNghiep": "0101234567",
        "tenDoanhNghiep": "Công ty TNHH Sen Vàng Hà Nội",
        "diaChiTruSo": "Số 8 phố Lý Thường Kiệt, phường Cửa Nam, Thành phố Hà Nội",
        "nguoiDaiDienPhapLuat": "Phạm Thị Dung",
        "tinhTrang": "Đang hoạt động",
    },
    "0104567890": {
        "maSoDoanhNghiep": "0104567890",
        "tenDoanhNghiep": "Công ty TNHH Thương mại Hồng Hà",
        "diaChiTruSo": "Số 21 phố Hàng Đào, phường Hoàn Kiếm, Thành phố Hà Nội",
        "nguoiDaiDienPhapLuat": "Vũ Minh Giang",
        "tinhTrang": "Tạm ngừng kinh doanh",
    },
    "0108123456": {
        "maSoDoanhNghiep": "0108123456",
        "tenDoanhNghiep": "Hợp tác xã Bưởi Diễn Phú Diễn",
        "diaChiTruSo": "Thôn Đông, phường Phú Diễn, Thành phố Hà Nội",
        "nguoiDaiDienPhapLuat": "Đỗ Văn Hải",
        "tinhTrang": "Đang hoạt động",
    },
    "0109876543": {
        "maSoDoanhNghiep": "0109876543",
        "tenDoanhNghiep": "Công ty Cổ phần Xây dựng Long Biên",
        "diaChiTruSo": "Số 2 đường Nguyễn Văn Cừ, phường Bồ Đề, Thành phố Hà Nội",
        "nguoiDaiDienPhapLuat": "Hoàng Văn Em",
        "tinhTrang": "Đang hoạt động",
    },
}

# VNeID accounts of the identity provider's simulator: the people above, with the phone number
# their account was registered with and its level (Decree 69/2024/NĐ-CP: 1 basic, 2 with the
# chip-based ID card checked).
VNEID_ACCOUNTS = {
    "001085012345": {"phone_number": "0912345678", "level": 2},
    "001190004567": {"phone_number": "0987654321", "level": 2},
    "036079000888": {"phone_number": "0903111222", "level": 1},
}

# Papers kept in each citizen's personal data store on the national public-service portal
# (Kho quản lý dữ liệu điện tử của tổ chức, cá nhân, Decree 45/2020/NĐ-CP art. 16): results
# issued to them before, digitised papers. The simulator serves each as a small PDF.
PERSONAL_STORE = {
    "001085012345": [
        {
            "MaGiayTo": "KDL-001085012345-0001",
            "TenGiayTo": "Căn cước công dân (bản điện tử)",
            "CoQuanCap": "Cục Cảnh sát quản lý hành chính về trật tự xã hội",
            "NgayCap": "2021-06-15",
        },
        {
            "MaGiayTo": "KDL-001085012345-0002",
            "TenGiayTo": "Giấy khai sinh (bản sao điện tử)",
            "CoQuanCap": "UBND phường Hoàn Kiếm",
            "NgayCap": "2023-02-20",
        },
        {
            "MaGiayTo": "KDL-001085012345-0003",
            "TenGiayTo": "Giấy xác nhận tình trạng hôn nhân",
            "CoQuanCap": "UBND phường Hoàn Kiếm",
            "NgayCap": "2025-09-03",
        },
    ],
    "001190004567": [
        {
            "MaGiayTo": "KDL-001190004567-0001",
            "TenGiayTo": "Căn cước công dân (bản điện tử)",
            "CoQuanCap": "Cục Cảnh sát quản lý hành chính về trật tự xã hội",
            "NgayCap": "2022-01-10",
        },
    ],
}
