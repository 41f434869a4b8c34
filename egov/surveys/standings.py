"""The governance indices a province is measured by, with their dimensions, as published by
their owners (data, not configuration: the owners define them, the city enters the scores).

- PAPI (UNDP, CECODES, VFF-CRT): since 2018 eight dimensions scored 1–10, the total their sum
  (8–80) (vn-egov-spec §8.2, papi.org.vn).
- PCI (VCCI): ten sub-indices scored 0–10, the total a weighted sum on 0–100.
- SIPAS (Ministry of Home Affairs): the five factors of the satisfaction index, in percent.
- PAR INDEX (Ministry of Home Affairs) and DTI (Ministry of Information and Communications):
  entered as totals; their component lists change from year to year.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Dimension:
    code: str
    name_vi: str
    name_en: str


# What upper apps hang under each dimension of an index on the standings page
# (egov.common.panels: a builder called with the officer, the province and the index code
# returns {dimension code: Panel}); directives shows the tasks serving each dimension.
DIMENSIONS_PLACE = "surveys.index_dimensions"


@dataclass(frozen=True)
class GovernanceIndex:
    code: str
    name: object
    total_max: Decimal
    dimension_max: Decimal | None
    dimensions: tuple[Dimension, ...] = ()

    def dimension(self, code: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.code == code), None)


PAPI = GovernanceIndex(
    code="papi",
    name=_("PAPI: provincial governance and public administration performance index"),
    total_max=Decimal(80),
    dimension_max=Decimal(10),
    dimensions=(
        Dimension(
            "participation", "Tham gia của người dân ở cấp cơ sở", "Participation at local levels"
        ),
        Dimension(
            "transparency",
            "Công khai, minh bạch trong việc ra quyết định ở địa phương",
            "Transparency in local decision-making",
        ),
        Dimension(
            "accountability", "Trách nhiệm giải trình với người dân", "Vertical accountability"
        ),
        Dimension(
            "corruption",
            "Kiểm soát tham nhũng trong khu vực công",
            "Control of corruption in the public sector",
        ),
        Dimension("procedures", "Thủ tục hành chính công", "Public administrative procedures"),
        Dimension("services", "Cung ứng dịch vụ công", "Public service delivery"),
        Dimension("environment", "Quản trị môi trường", "Environmental governance"),
        Dimension("e_governance", "Quản trị điện tử", "E-governance"),
    ),
)

PCI = GovernanceIndex(
    code="pci",
    name=_("PCI: provincial competitiveness index"),
    total_max=Decimal(100),
    dimension_max=Decimal(10),
    dimensions=(
        Dimension("entry_costs", "Chi phí gia nhập thị trường", "Entry costs"),
        Dimension(
            "land_access",
            "Tiếp cận đất đai và sự ổn định trong sử dụng đất",
            "Land access and tenure security",
        ),
        Dimension(
            "transparency",
            "Tính minh bạch và tiếp cận thông tin",
            "Transparency and access to information",
        ),
        Dimension(
            "time_costs",
            "Chi phí thời gian để thực hiện các quy định của Nhà nước",
            "Time costs of regulatory compliance",
        ),
        Dimension("informal_charges", "Chi phí không chính thức", "Informal charges"),
        Dimension("equal_competition", "Cạnh tranh bình đẳng", "Policy bias (equal competition)"),
        Dimension(
            "proactivity",
            "Tính năng động của chính quyền tỉnh",
            "Proactivity of provincial leadership",
        ),
        Dimension("business_support", "Dịch vụ hỗ trợ doanh nghiệp", "Business support services"),
        Dimension("labour_training", "Đào tạo lao động", "Labour training"),
        Dimension(
            "legal_institutions",
            "Thiết chế pháp lý và an ninh trật tự",
            "Legal institutions and law and order",
        ),
    ),
)

SIPAS = GovernanceIndex(
    code="sipas",
    name=_("SIPAS: satisfaction index of administrative services"),
    total_max=Decimal(100),
    dimension_max=Decimal(100),
    dimensions=(
        Dimension("access", "Tiếp cận dịch vụ", "Access to the service"),
        Dimension("procedure", "Thủ tục hành chính", "The administrative procedure"),
        Dimension("civil_servant", "Công chức trực tiếp giải quyết công việc", "The civil servant"),
        Dimension("result", "Kết quả giải quyết", "The result"),
        Dimension(
            "feedback",
            "Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị",
            "Receiving and handling feedback",
        ),
    ),
)

PAR_INDEX = GovernanceIndex(
    code="par_index",
    name=_("PAR INDEX: public administration reform index"),
    total_max=Decimal(100),
    dimension_max=None,
)

DTI = GovernanceIndex(
    code="dti",
    name=_("DTI: digital transformation index"),
    total_max=Decimal(1000),
    dimension_max=None,
)

INDEXES: dict[str, GovernanceIndex] = {i.code: i for i in (PAPI, PCI, SIPAS, PAR_INDEX, DTI)}
