"""The HTTP scenarios of a run, each with its baseline and its target (issue 6)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scenario:
    """One load: a request file replayed by a wrk script, possibly at a fixed rate."""

    name: str
    label: str
    file: str
    script: str = "requests.lua"
    connections: int | None = None
    rate: float | None = None
    duration: float | None = None
    is_baseline: bool = False
    burst: bool = False  # every request of the file once, within a window (bench.run.meetings)


# Officer pages are timed at one connection per core: their targets are response times a user
# sees, and under a saturating load (the look-up's 16 connections) a page's latency only measures
# the queue in front of it (latency ≈ connections × service time / cores).
PAGE_CONNECTIONS = 2
# The conference bursts are paced (open loop): enough connections that a slow answer does not
# hold back the next participant's request.
BURST_CONNECTIONS = 32

SCENARIOS = (
    Scenario("hello", "Baseline: hello-JSON view", "hello", is_baseline=True),
    Scenario(
        "track_raw", "Baseline: status look-up through a raw cursor", "track_raw", is_baseline=True
    ),
    Scenario("track_api", "Public status look-up by code (JSON API)", "track_api"),
    Scenario("track_page", "Public status look-up by code (HTML page)", "track_page"),
    Scenario("insert", "Baseline: minimal insert endpoint", "insert", is_baseline=True),
    Scenario(
        "desk_receive",
        "Submission at the desk: register + receive (workflow start)",
        "desk_receive",
    ),
    Scenario(
        "upload", "1 MB PDF upload with type sniffing", "upload", script="upload.lua", connections=4
    ),
    Scenario(
        "figures",
        "City-wide one-stop figures page, 1 month to 5 years",
        "figures",
        connections=PAGE_CONNECTIONS,
    ),
    Scenario("inbox", "Busy specialist's inbox", "inbox", connections=PAGE_CONNECTIONS),
    Scenario(
        "scoreboard",
        "City-wide task scoreboard page, 1 month to 5 years",
        "scoreboard",
        connections=PAGE_CONNECTIONS,
    ),
    Scenario(
        "search",
        "Accent-insensitive document search (all forms of 15 queries)",
        "search",
        connections=PAGE_CONNECTIONS,
    ),
    Scenario(
        "workfile",
        "A work file's page (its documents in order, 1 M documents in 200,000 files)",
        "workfile",
        connections=PAGE_CONNECTIONS,
    ),
    Scenario(
        "archive",
        "Agency archive search by the File metadata",
        "archive",
        connections=PAGE_CONNECTIONS,
    ),
    Scenario("trace_scan", "Traceability: a batch's public scan page (Digital Link)", "trace_scan"),
    Scenario(
        "trace_fixed",
        "Traceability scan page at a fixed 500 req/s",
        "trace_scan",
        script="paced.lua",
        rate=500.0,
    ),
    Scenario(
        "complaints_inbox",
        "Inspectorate inbox: petitions of the busiest unit (500,000 petitions over 10 years)",
        "complaints_inbox",
        connections=PAGE_CONNECTIONS,
    ),
    Scenario(
        "meeting_checkin",
        "Conference to 579 communes: 2,000 participants check in by QR within 60 s",
        "meeting_checkin",
        script="once.lua",
        connections=BURST_CONNECTIONS,
        burst=True,
    ),
    Scenario(
        "meeting_vote",
        "Conference: 2,000 participants cast a named vote within 60 s",
        "meeting_vote",
        script="once.lua",
        connections=BURST_CONNECTIONS,
        burst=True,
    ),
    Scenario(
        "meeting_vote_secret",
        "Conference: 2,000 participants cast a secret vote within 60 s",
        "meeting_vote_secret",
        script="once.lua",
        connections=BURST_CONNECTIONS,
        burst=True,
    ),
    Scenario(
        "survey_index",
        "A unit's satisfaction index page (2 M answers, 1 month to 5 years)",
        "survey_index",
        connections=PAGE_CONNECTIONS,
    ),
    Scenario(
        "reporting_city",
        "The city's consolidated reporting table, one month (600 units, 200 indicators)",
        "reporting_city",
        connections=PAGE_CONNECTIONS,
    ),
    Scenario(
        "reporting_form",
        "A unit's report form page (200 indicators)",
        "reporting_form",
        connections=PAGE_CONNECTIONS,
    ),
    Scenario(
        "feedback_public",
        "Feedback: public list and map of answered reports, any unit and category (1 M reports)",
        "feedback_public",
        connections=PAGE_CONNECTIONS,
    ),
    Scenario(
        "feedback_search",
        "Feedback: accent-insensitive search of answers and reports (200,000 answers)",
        "feedback_search",
        connections=PAGE_CONNECTIONS,
    ),
    Scenario(
        "dashboard_city",
        "The city leader's dashboard: every indicator, a month, quarter or year (5 years)",
        "dashboard_city",
        connections=PAGE_CONNECTIONS,
    ),
    Scenario(
        "dashboard_766",
        "Decision 766 table of the city and the units below it, each quarter of 5 years",
        "dashboard_766",
        connections=PAGE_CONNECTIONS,
    ),
    Scenario(
        "dashboard_766_public",
        "Decision 766 table on the portal (public, cached a few minutes), each quarter",
        "dashboard_766_public",
        connections=PAGE_CONNECTIONS,
    ),
    Scenario(
        "track_fixed",
        "Status look-up at a fixed 800 req/s",
        "track_api",
        script="paced.lua",
        rate=800.0,
    ),
)
BY_NAME = {s.name: s for s in SCENARIOS}
