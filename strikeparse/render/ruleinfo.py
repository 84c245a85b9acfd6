"""`strikeparse rules show`: one rule or catalog entry as its author wrote it, and where."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..rules import CatalogEntry, Rule


def _inline(values: Mapping[str, Any]) -> str:
    return ", ".join(f"{k}: {v}" for k, v in values.items())


def describe_rule(rule: Rule, *, expanded: bool = False) -> str:
    lines = [
        rule.id,
        f"  file:        {rule.origin}",
        f"  kind:        {rule.kind}",
    ]
    if rule.description:
        lines.append(f"  description: {rule.description}")
    if rule.priority:
        lines.append(f"  priority:    {rule.priority}")
    if rule.set:
        lines.append(f"  set:         {_inline(rule.set)}")
    groups = [g for g in rule.compiled.groupindex if not g.startswith("_")]
    if groups:
        lines.append(f"  groups:      {', '.join(groups)}")
    lines.append("  pattern:" + (" (macros expanded)" if expanded else ""))
    pattern = rule.compiled.pattern if expanded else rule.pattern
    lines.extend("    " + line for line in pattern.rstrip("\n").splitlines())
    if rule.examples:
        lines.append("  examples:")
        for example in rule.examples:
            if example.match:
                expect = f"  expect: {_inline(example.expect)}" if example.expect else ""
                lines.append(f"    + {example.text!r}{expect}  (line {example.line})")
            else:
                lines.append(f"    - {example.text!r}  (must not match; line {example.line})")
    else:
        lines.append("  examples:    none")
    return "\n".join(lines)


def describe_entry(what: str, entry: CatalogEntry) -> str:
    lines = [entry.key, f"  file:        {entry.path}:{entry.line}", f"  kind:        {what}"]
    for key, value in entry.data.items():
        if key in ("name",):
            continue
        shown = ", ".join(map(str, value)) if isinstance(value, list) else value
        lines.append(f"  {key + ':':<12} {shown}")
    return "\n".join(lines)
