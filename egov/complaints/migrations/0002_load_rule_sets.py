"""The two complaints rule sets: the Law on Complaints 2011 with the Law on Denunciations 2018
(from 1 January 2019, when both are in force), and Decree 155/2026 from 1 July 2026 (acceptance
of a complaint within 7 working days, shared/domain next-modules c.2)."""

import datetime

from django.db import migrations

COMMON = {
    "first_instance_days": 30,
    "first_instance_complex_days": 45,
    "first_instance_remote_days": 45,
    "first_instance_remote_complex_days": 60,
    "settlement_count": "calendar",
    "complaint_time_limit_days": 90,
    "denunciation_acceptance_days": 7,
    "denunciation_settlement_days": 30,
    "denunciation_extension_days": 30,
    "denunciation_extensions_max": 2,
}
DAYS_NOTE = (
    "Settlement limits: the laws say 'ngày' (days), counted here as calendar days ending on the "
    "next working day when the last one is a day off (Civil Code 2015 art 148); whether a "
    "circular counts them in working days is not confirmed."
)
RULE_SETS = [
    {
        "code": "LKN2011-LTC2018",
        "name": "Luật Khiếu nại 2011, Luật Tố cáo 2018",
        "legal_basis": (
            "Luật Khiếu nại 02/2011/QH13 (arts 9, 27, 28); TT 07/2013/TT-TTCP (thụ lý 10 ngày "
            "làm việc); Luật Tố cáo 25/2018/QH14 (arts 29, 30); Nghị định 31/2019/NĐ-CP."
        ),
        "effective_from": datetime.date(2019, 1, 1),
        "effective_to": datetime.date(2026, 6, 30),
        "complaint_acceptance_days": 10,
        "complaint_acceptance_count": "working",
        "unconfirmed": DAYS_NOTE,
        **COMMON,
    },
    {
        "code": "ND155-2026",
        "name": "Luật Khiếu nại, Luật Tố cáo sửa đổi (Luật 136/2025/QH15), Nghị định 155/2026",
        "legal_basis": (
            "Luật 136/2025/QH15; Nghị định 155/2026/NĐ-CP sửa đổi Nghị định 124/2020/NĐ-CP "
            "(thụ lý trong 7 ngày làm việc, art 16.1 sửa đổi); Luật Tố cáo 25/2018/QH14."
        ),
        "effective_from": datetime.date(2026, 7, 1),
        "effective_to": None,
        "complaint_acceptance_days": 7,
        "complaint_acceptance_count": "working",
        "unconfirmed": (
            "Decree 155/2026 known from a secondary source only (S-weak): acceptance within 7 "
            "working days. " + DAYS_NOTE
        ),
        **COMMON,
    },
]


def load(apps, schema_editor):
    RuleSet = apps.get_model("complaints", "RuleSet")
    for entry in RULE_SETS:
        RuleSet.objects.update_or_create(code=entry["code"], defaults=entry)


def unload(apps, schema_editor):
    RuleSet = apps.get_model("complaints", "RuleSet")
    RuleSet.objects.filter(code__in=[e["code"] for e in RULE_SETS]).delete()


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_reception_petitions_rule_sets")]
    operations = [migrations.RunPython(load, unload)]
