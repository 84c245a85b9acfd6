"""Catalogs are data: a munition model, a place alias and a casualty phrasing added by
YAML alone, through --rules and through $STRIKEPARSE_RULES, end to end through the CLI.
The YAML is the README's worked example, read from the README itself."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from strikeparse.cli import app

ROOT = Path(__file__).resolve().parent.parent

REPORT = (
    "ODESA, May 4, 2026 - Russia launched 12 Geran-5 drones at Odesa overnight. "
    "Five people were treated at the scene after the attack on Stanislaviv, officials said.\n"
)


def readme_rules() -> str:
    blocks = re.findall(r"```yaml\n(# my-rules\.yaml\n.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    assert len(blocks) == 1, "the README's worked example (a ```yaml block starting '# my-rules.yaml') is missing"
    return blocks[0]


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    rules = tmp_path / "my-rules.yaml"
    rules.write_text(readme_rules(), encoding="utf-8")
    report = tmp_path / "odesa.txt"
    report.write_text(REPORT, encoding="utf-8")
    return rules, report


def parse(args: list[str], env: dict[str, str] | None = None) -> dict:
    result = CliRunner().invoke(app, ["parse", *args, "--format", "json"], env=env or {"STRIKEPARSE_RULES": ""})
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)[0]


def check_taught(report: dict) -> None:
    assert {"name": "Geran-5", "class": "drone"}.items() <= report["munitions"][0].items()
    assert ["Geran-5", 12, "launched"] in [[c["munition"], c["count"], c["status"]] for c in report["munition_counts"]]
    places = {loc["name"]: loc for loc in report["locations"]}
    frankivsk = places["Ivano-Frankivsk"]
    assert frankivsk["struck"] is True
    assert frankivsk["mentions"][0]["text"] == "Stanislaviv"
    assert frankivsk["lat"] == pytest.approx(48.92, abs=0.1) and frankivsk["admin1"] == "Ivano-Frankivsk Oblast"  # kept from GeoNames
    injured = [c for c in report["casualties"] if c["evidence"]["rule"] == "my.treated-at-the-scene"]
    assert [(c["outcome"], c["low"], c["high"], c["location"]) for c in injured] == [("injured", 5, 5, "Ivano-Frankivsk")]
    assert {"outcome": "injured", "location": "Ivano-Frankivsk", "group": "all", "low": 5, "high": 5} in report["casualty_totals"]


def test_without_the_user_rules_none_of_it_is_found(files: tuple[Path, Path]):
    _, report_path = files
    report = parse([str(report_path)])
    assert "Geran-5" not in [m["name"] for m in report["munitions"]]
    assert "Ivano-Frankivsk" not in [loc["name"] for loc in report["locations"]]
    assert not any(c["outcome"] == "injured" for c in report["casualties"])


def test_rules_option_teaches_model_place_alias_and_phrasing(files: tuple[Path, Path]):
    rules, report_path = files
    check_taught(parse([str(report_path), "--rules", str(rules)]))


@pytest.mark.parametrize("as_folder", [False, True])
def test_environment_variable_teaches_the_same(files: tuple[Path, Path], as_folder: bool):
    rules, report_path = files
    where = rules.parent if as_folder else rules
    check_taught(parse([str(report_path)], env={"STRIKEPARSE_RULES": str(where)}))


def test_the_readme_rules_are_clean_and_their_examples_pass(files: tuple[Path, Path]):
    rules, _ = files
    runner = CliRunner()
    checked = runner.invoke(app, ["rules", "check", str(rules)])
    assert checked.exit_code == 0, checked.stdout
    tested = runner.invoke(app, ["rules", "test", str(rules)])
    assert tested.exit_code == 0, tested.stdout
    assert "1 rules, 2 examples, 0 failures" in tested.stdout


def test_user_entries_are_listed_and_shown(files: tuple[Path, Path]):
    rules, _ = files
    runner = CliRunner()
    listed = runner.invoke(app, ["rules", "list", "--rules", str(rules)])
    assert "my.treated-at-the-scene" in listed.stdout and f"{rules}:" in listed.stdout
    shown = runner.invoke(app, ["rules", "show", "Geran-5", "--rules", str(rules)])
    assert shown.exit_code == 0 and f"file:        {rules}:3" in shown.stdout and "class:       drone" in shown.stdout
