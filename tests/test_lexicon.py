"""Rule files' `lexicon:`: outcome verbs written once, their inflections made by rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from strikeparse.cli import app
from strikeparse.rules import inflections


@pytest.mark.parametrize(
    ("verb", "forms"),
    [
        ("kill", ("kill", "kills", "killed", "killing")),
        ("injure", ("injure", "injures", "injured", "injuring")),
        ("wound", ("wound", "wounds", "wounded", "wounding")),
        ("bury", ("bury", "buries", "buried", "burying")),
        ("stab", ("stab", "stabs", "stabbed", "stabbing")),
        ("crush", ("crush", "crushes", "crushed", "crushing")),
        ("hurt hurts hurt hurting", ("hurt", "hurts", "hurt", "hurting")),
    ],
)
def test_inflections_by_rule(verb, forms):
    assert inflections(verb) == forms


USER_RULES = """\
lexicon:
  CRUSH: [crush]
rules:
  - id: my.crushed-under
    kind: casualty
    set: {outcome: killed}
    pattern: '(?P<number>{{QNUM}})\\s+(?:{{WHO}}\\s+)?(?:were|was)\\s+{{CRUSH_PAST}}\\s+(?:under|by)\\s+(?:the\\s+)?(?:rubble|debris|wall)'
    examples:
      - text: "Two people were crushed under the rubble."
        expect: {outcome: killed, low: 2}
"""


def test_a_users_lexicon_gives_macros_to_their_rules(tmp_path: Path):
    rules = tmp_path / "mine.yaml"
    rules.write_text(USER_RULES, encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text("A missile hit a block of flats in Dnipro. Three residents were crushed under the rubble.\n", encoding="utf-8")
    runner = CliRunner()
    assert runner.invoke(app, ["rules", "test", str(rules)]).exit_code == 0
    checked = runner.invoke(app, ["rules", "check", str(rules)])
    assert checked.exit_code == 0, checked.stdout
    parsed = runner.invoke(app, ["parse", str(report), "--rules", str(rules), "--format", "json"])
    assert '"rule": "my.crushed-under"' in parsed.stdout


@pytest.mark.parametrize(
    ("lexicon", "message"),
    [
        ("lexicon:\n  CRUSH: [Crush Hard]\n", "lexicon CRUSH: a verb is one lower-case word, or its four forms"),
        ("lexicon:\n  crush: [crush]\n", "lexicon names are UPPER_CASE, not 'crush'"),
        ("lexicon:\n  CRUSH: []\n", "lexicon CRUSH lists no verbs"),
    ],
)
def test_a_bad_lexicon_is_named_with_file_and_line(tmp_path: Path, lexicon: str, message: str):
    rules = tmp_path / "bad.yaml"
    rules.write_text(lexicon, encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text("Two people were killed in Kyiv.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["parse", str(report), "--rules", str(rules)])
    assert result.exit_code == 3 and result.stdout == ""
    assert f"{rules}:2" in result.stderr and message in result.stderr and "Traceback" not in result.stderr
