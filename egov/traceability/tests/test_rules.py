from egov.traceability import rules


def test_gtin_check_digit():
    assert rules.gtin_valid("8935049500018")
    assert not rules.gtin_valid("8935049500017")
    assert rules.gtin_valid("96385074")  # GTIN-8
    assert not rules.gtin_valid("89350495000A8")


def test_gln_and_lot():
    assert rules.gln_valid("8930000000019") is (rules.check_digit("893000000001") == 9)
    assert rules.lot_valid("L2026-01/A")
    assert not rules.lot_valid("có dấu")
    assert not rules.lot_valid("x" * 21)


def test_digital_link_round_trip():
    uri = rules.digital_link("https://truyxuat.hanoi.gov.vn/", gtin="8935049500018", lot="A/1")
    assert uri == "https://truyxuat.hanoi.gov.vn/01/08935049500018/10/A%2F1"
    assert rules.digital_link_parse(uri) == ("08935049500018", "A/1")
    assert rules.digital_link_parse("https://x/02/1/10/a") is None


def test_biz_step_forms():
    assert rules.biz_step_of("shipping") == "shipping"
    assert rules.biz_step_of("urn:epcglobal:cbv:bizstep:receiving") == "receiving"
    assert rules.biz_step_of("https://ref.gs1.org/cbv/BizStep-packing") == "packing"
    assert rules.biz_step_of("dancing") is None


def test_chain_break_finds_the_changed_event():
    a = {"n": 1}
    b = {"n": 2}
    ha = rules.event_hash(rules.GENESIS, a)
    hb = rules.event_hash(ha, b)
    assert rules.chain_break([(rules.GENESIS, ha, a), (ha, hb, b)]) is None
    assert rules.chain_break([(rules.GENESIS, ha, a), (ha, hb, {"n": 3})]) == 1
    assert rules.chain_break([(ha, hb, b)]) == 0  # the first event removed


def test_only_a_persons_get_is_a_scan():
    phone = {"User-Agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1) Safari/604.1"}
    assert rules.is_person_scan("GET", phone)
    assert not rules.is_person_scan("HEAD", phone)
    assert not rules.is_person_scan("GET", {**phone, "Sec-Purpose": "prefetch;prerender"})
    assert not rules.is_person_scan("GET", {**phone, "X-Moz": "prefetch"})
    assert not rules.is_person_scan("GET", {"User-Agent": "Zalo-Preview/1.0"})
    assert not rules.is_person_scan("GET", {"User-Agent": "Mozilla/5.0 (compatible; bingbot/2.0)"})
    assert not rules.is_person_scan("GET", {})
