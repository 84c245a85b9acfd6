"""`strikeparse rules test|check|show` as a rule author uses them."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from strikeparse import rules as rules_module
from strikeparse.cli import app


def run(args: list[str], env: dict[str, str] | None = None):
    return CliRunner().invoke(app, args, env=env or {"STRIKEPARSE_RULES": ""})


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """\
rules:
  - id: my.sought-help
    kind: casualty
    set: {outcome: injured}
    pattern: '(?P<number>{{QNUM}})\\s+(?:people\\s+)?sought\\s+medical\\s+help'
    examples:
      - text: "Five people sought medical help."
        expect: {outcome: injured, low: 5, high: 5}
      - text: "Residents should seek medical help."
        match: false
"""

WRONG_EXAMPLES = """\
rules:
  - id: my.toll
    kind: casualty
    set: {outcome: killed}
    pattern: 'toll\\s+of\\s+(?P<number>{{QNUM}})'
    examples:
      - text: "a toll of 7 people"
        expect: {low: 8}
      - text: "a toll of 9"
        match: false
      - text: "no figure here"
"""


# --------------------------------------------------------------------------- rules test


def test_builtin_rules_pass_and_every_rule_is_covered():
    result = run(["rules", "test"])
    assert result.exit_code == 0, result.stdout
    last = result.stdout.strip().splitlines()[-1]
    assert last.startswith("rules test: ") and last.endswith(" 0 failures")
    assert int(last.split()[2]) >= 40  # rules counted: the built-in set, not an empty run


def test_a_good_user_file_passes(tmp_path: Path):
    result = run(["rules", "test", str(write(tmp_path, "good.yaml", GOOD))])
    assert result.exit_code == 0, result.stdout
    assert "1 rules, 2 examples, 0 failures" in result.stdout


def test_each_failure_names_rule_place_sentence_expected_and_actual(tmp_path: Path):
    path = write(tmp_path, "wrong.yaml", WRONG_EXAMPLES)
    result = run(["rules", "test", str(path)])
    assert result.exit_code == 1
    out = result.stdout
    assert f"{path}:7: rule 'my.toll':" in out  # the first example's line
    assert "sentence: 'a toll of 7 people'" in out
    assert "expected: {'low': 8}" in out and "'low': 7" in out  # expected and actual
    assert f"{path}:9: rule 'my.toll': must not match" in out and "actual:   '" in out
    assert f"{path}:11: rule 'my.toll': must match, but did not" in out and "actual:   no match" in out
    assert out.strip().endswith("3 failures")


def test_a_builtin_rule_without_positive_example_fails(monkeypatch: pytest.MonkeyPatch):
    extra = ("<builtin>/zz-extra.yaml", "rules:\n  - id: zz.untested\n    kind: strike\n    pattern: 'bombard'\n")
    original = rules_module.builtin_rule_files
    monkeypatch.setattr(rules_module, "builtin_rule_files", lambda: [*original(), extra])
    result = run(["rules", "test"])
    assert result.exit_code == 1
    assert "<builtin>/zz-extra.yaml:2: rule 'zz.untested': has no positive example" in result.stdout


def test_an_invalid_rule_file_stops_with_exit_3(tmp_path: Path):
    path = write(tmp_path, "bad.yaml", "rules:\n  - id: x\n    kind: strike\n    pattern: 'a(b'\n")
    result = run(["rules", "test", str(path)])
    assert result.exit_code == 3
    assert result.stdout == ""
    assert f"{path}:4: rule 'x': bad regex" in result.stderr


# --------------------------------------------------------------------------- rules check

BROKEN = """\
rules:
  - id: bad.regex
    kind: casualty
    set: {outcome: killed}
    pattern: '(?P<number>{{QNUM}})\\s+(killed'
  - id: bad.groups
    kind: count
    colour: red
    pattern: '(?P<amount>\\d+)\\s+'
  - id: bad.groups
    kind: strike
    pattern: 'x'
  - id: bad.example
    kind: casualty
    set: {outcome: killed}
    pattern: |
      (?P<number>{{QNUM}})\\s+
      dead
    examples:
      - text: "three dead"
        expect: {low: 4}
  - id: bad.block
    kind: strike
    pattern: |
      foo
        (bar
  - id: bad.macro
    kind: strike
    pattern: 'x{{NO_SUCH}}'
munitions:
  - name: Geran-9
    class: drones
"""


def test_check_reports_every_problem_with_its_position(tmp_path: Path):
    path = write(tmp_path, "broken.yaml", BROKEN)
    result = run(["rules", "check", str(path)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()

    def line_with(start: str, *words: str) -> str:
        found = [ln for ln in lines if ln.startswith(f"{path}:{start}") and all(w in ln for w in words)]
        assert found, (start, words, result.stdout)
        return found[0]

    # regex error: file, line and column of the error in the pattern as written, and the rule id
    line_with("5:45: rule 'bad.regex'", "bad regex at position 30 of the pattern", "missing )")
    line_with("8:13: rule 'bad.groups'", "unknown key 'colour'")
    line_with("10: rule 'bad.groups'", "duplicate rule id")
    line_with("6: rule 'bad.groups'", "named group 'amount' is never read by the count extractor")
    line_with("6: rule 'bad.groups'", "needs a group 'count'")
    line_with("20: rule 'bad.example'", "example contradicts the rule", "three dead")
    line_with("26:13: rule 'bad.block'", "bad regex", "missing )")  # inside a block scalar: line and column in the file
    line_with("29:", "rule 'bad.macro'", "unknown macro {{NO_SUCH}}")
    line_with("32:12:", "unknown munition class 'drones'")
    assert lines[-1] == f"rules check: {len(lines) - 1} problems"


def test_check_yaml_error_and_missing_file(tmp_path: Path):
    path = write(tmp_path, "yaml.yaml", "rules:\n  - id: x\n    kind: [strike\n")
    result = run(["rules", "check", str(path), str(tmp_path / "none.yaml")])
    assert result.exit_code == 1
    assert f"{path}:4:1: invalid YAML" in result.stdout
    assert f"{tmp_path / 'none.yaml'}: no such rule file" in result.stdout


def test_the_built_in_rules_check_clean():
    # a generous probe limit: the check is for catastrophic backtracking, which no limit
    # saves, not for how fast a loaded test machine is (the CLI's default is 1 s)
    result = run(["rules", "check", "--timeout", "10"])
    assert result.exit_code == 0, result.stdout
    assert result.stdout.strip() == "rules check: no problems"


def test_check_clean_file_exits_0(tmp_path: Path):
    result = run(["rules", "check", str(write(tmp_path, "good.yaml", GOOD))])
    assert result.exit_code == 0, result.stdout
    assert result.stdout.strip() == "rules check: no problems"


def test_check_duplicate_ids_across_files_but_not_a_builtin_override(tmp_path: Path):
    a = write(tmp_path, "a.yaml", "rules:\n  - id: my.same\n    kind: strike\n    pattern: 'bombed'\n    examples: [{text: bombed}]\n")
    b = write(tmp_path, "b.yaml", "rules:\n  - id: my.same\n    kind: strike\n    pattern: 'shelled'\n    examples: [{text: shelled}]\n")
    override = write(
        tmp_path, "c.yaml", "rules:\n  - id: strike.negated\n    kind: strike\n    pattern: 'spared'\n    examples: [{text: spared}]\n"
    )
    result = run(["rules", "check", str(a), str(b), str(override)])
    assert result.exit_code == 1
    assert f"{b}:2: rule 'my.same': duplicate rule id (also in {a})" in result.stdout
    assert "strike.negated" not in result.stdout  # replacing a built-in rule is what ids are for


def test_check_finds_catastrophic_backtracking(tmp_path: Path):
    path = write(
        tmp_path,
        "slow.yaml",
        "rules:\n  - id: my.slow\n    kind: strike\n    pattern: '(?:a+a+)+b'\n    examples: [{text: 'aab'}]\n",
    )
    result = run(["rules", "check", str(path), "--timeout", "0.2"])
    assert result.exit_code == 1
    assert f"{path}:2: rule 'my.slow':" in result.stdout
    assert "on the probe 'a' x 5000" in result.stdout


def test_check_used_group_a_date_rule_does_not_define(tmp_path: Path):
    path = write(
        tmp_path, "date.yaml", "rules:\n  - id: my.date\n    kind: date\n    pattern: '(?P<year>20\\d\\d)'\n    examples: [{text: '2024'}]\n"
    )
    result = run(["rules", "check", str(path)])
    assert result.exit_code == 1
    assert "needs a group 'day'" in result.stdout and "needs a group 'month'" in result.stdout


# --------------------------------------------------------------------------- rules show


def test_show_a_rule():
    result = run(["rules", "show", "casualty.death-toll"])
    assert result.exit_code == 0
    out = result.stdout
    assert out.startswith("casualty.death-toll\n")
    assert "  file:        <builtin>/casualties.yaml:" in out
    assert "  kind:        casualty" in out and "  set:         outcome: killed" in out
    assert "{{QNUM}}" in out  # the pattern as written
    assert "    + \"The death toll from Tuesday's strike rose to 12.\"" in out


def test_show_expanded_pattern_and_a_user_rule(tmp_path: Path):
    path = write(tmp_path, "good.yaml", GOOD)
    result = run(["rules", "show", "my.sought-help", "--rules", str(path), "--expanded"])
    assert result.exit_code == 0
    assert f"file:        {path}:2" in result.stdout
    assert "{{QNUM}}" not in result.stdout and "sought" in result.stdout
    assert "- 'Residents should seek medical help.'  (must not match" in result.stdout


def test_show_a_catalog_entry():
    result = run(["rules", "show", "Shahed-136"])
    assert result.exit_code == 0
    assert "kind:        munition" in result.stdout and "Geran-2" in result.stdout


def test_show_unknown_id_suggests():
    result = run(["rules", "show", "casualty.deathtoll"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "did you mean casualty.death-toll" in result.stderr


@pytest.mark.parametrize(
    "command", [["rules", "test"], ["rules", "check"], ["rules", "show"], ["rules", "list"], ["explain"], ["eval"]]
)
def test_every_new_command_has_a_worked_example_in_its_help(command: list[str]):
    result = run([*command, "--help"])
    assert result.exit_code == 0
    assert "Example: strikeparse " + " ".join(command) in result.stdout
