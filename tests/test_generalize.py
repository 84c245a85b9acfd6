"""Issue 14: the kinds of phrasing that reports nobody here wrote use, in new sentences."""

from __future__ import annotations

import pytest

from strikeparse.pipeline import parse_text


def counts(text: str) -> set[tuple]:
    return {(c.munition, c.count, c.status) for c in parse_text(text).munition_counts if not c.background}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a remainder after interceptions
        ("Air defences downed 80 of 101 drones; another 15 were lost to electronic warfare.", {("drone", 15, "suppressed")}),
        ("Russia launched 60 drones overnight. 45 were shot down and the rest were suppressed by electronic warfare.",
         {("drone", 45, "intercepted"), ("drone", 15, "suppressed")}),
        ("Russia launched 30 drones; 25 drones were shot down, while the rest hit targets.", {("drone", 5, "hit")}),
        # every count before "all of which were shot down" was launched and intercepted
        ("The raid involved four Kh-101 missiles and 12 drones, all of which were shot down.",
         {("Kh-101", 4, "launched"), ("Kh-101", 4, "intercepted"), ("drone", 12, "launched"), ("drone", 12, "intercepted")}),
        # a count whose verb stands a clause or a sentence away keeps its status
        ("Russia launched 50 drones. Of those, six were downed over Sumy.", {("drone", 6, "intercepted")}),
        ("Russia launched 40 drones at Kharkiv; 35 were shot down.", {("drone", 35, "intercepted")}),
        ('Russia sent 44 drones. Thirty were shot down and another 14 were "lost" to jamming.',
         {("drone", 30, "intercepted"), ("drone", 14, "suppressed")}),
        # model or class said apart from the number
        ("Russia fired eight ballistic missiles and nine S-300 missiles at Kharkiv.",
         {("ballistic_missile", 8, "launched"), ("S-300", 9, "launched")}),
    ],
)
def test_counts(text, expected):
    assert expected <= counts(text)


def test_a_remainder_of_inexact_counts_is_no_count():
    got = counts("Russia launched more than 60 drones overnight. 45 were shot down and the rest were suppressed.")
    assert not any(status == "suppressed" for _, _, status in got)
