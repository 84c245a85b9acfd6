"""Rule files are validated on load: every error names file, line and rule id."""

from __future__ import annotations

import time

import pytest

from strikeparse.errors import RuleError
from strikeparse.rules import build_ruleset, builtin_rule_files, load_rules
from strikeparse.ruletest import run_examples, uncovered


def load(text: str):
    return build_ruleset([*builtin_rule_files(), ("user.yaml", text)])


def error_of(text: str) -> RuleError:
    with pytest.raises(RuleError) as info:
        load(text)
    return info.value


def test_unknown_key_is_reported_with_line_and_rule_id():
    err = error_of("rules:\n  - id: x.one\n    kind: casualty\n    pattern: 'killed'\n    colour: red\n")
    assert str(err).startswith("user.yaml:5:")
    assert "x.one" in str(err) and "unknown key 'colour'" in str(err)


def test_duplicate_id_in_one_file():
    err = error_of("rules:\n  - id: x.one\n    kind: strike\n    pattern: a\n  - id: x.one\n    kind: strike\n    pattern: b\n")
    assert err.line == 5 and err.rule_id == "x.one" and "duplicate" in str(err)


def test_bad_regex_names_rule_and_position():
    err = error_of("rules:\n  - id: x.bad\n    kind: strike\n    pattern: 'a(b'\n")
    assert err.path == "user.yaml" and err.line == 4 and err.rule_id == "x.bad"
    assert "bad regex" in str(err)


def test_unknown_kind_and_unknown_macro():
    assert "unknown kind" in str(error_of("rules:\n  - id: x.k\n    kind: weather\n    pattern: a\n"))
    assert "unknown macro" in str(error_of("rules:\n  - id: x.m\n    kind: strike\n    pattern: '{{NOPE}}'\n"))


def test_python_object_tags_are_refused():
    err = error_of("rules: !!python/object/apply:os.system ['echo pwned']\n")
    assert "not allowed" in str(err) or "invalid YAML" in str(err)


def test_alias_bomb_is_refused_quickly():
    bomb = "a: &a ['x','x','x','x','x','x','x','x','x']\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
    )
    started = time.perf_counter()
    err = error_of(bomb)
    assert time.perf_counter() - started < 1.0
    assert "aliases" in str(err) or "unknown key" in str(err)


def test_duplicate_yaml_keys_are_errors():
    err = error_of("rules:\n  - id: x.d\n    kind: strike\n    pattern: a\n    pattern: b\n")
    assert "duplicate key 'pattern'" in str(err) and err.line == 5


def test_invalid_yaml_points_at_the_line():
    err = error_of("rules:\n  - id: x\n    kind: [strike\n")
    assert err.path == "user.yaml" and err.line is not None


def test_missing_user_file():
    with pytest.raises(RuleError, match="no such rule file"):
        load_rules(["/nonexistent/rules.yaml"])


def test_builtin_rule_examples_all_pass():
    failures = [str(f) for f in run_examples(load_rules())]
    assert failures == []


def test_every_builtin_rule_has_a_positive_example():
    assert [r.id for r in uncovered(load_rules())] == []


def test_a_wrong_example_is_reported():
    ruleset = load(
        "rules:\n  - id: x.toll\n    kind: casualty\n    set: {outcome: killed}\n"
        "    pattern: 'toll\\s+of\\s+(?P<number>{{QNUM}})'\n"
        "    examples:\n      - text: 'a toll of 7'\n        expect: {low: 8}\n"
    )
    failures = [f for f in run_examples(ruleset) if f.rule.id == "x.toll"]
    assert len(failures) == 1 and "expected" in failures[0].message
