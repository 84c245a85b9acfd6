"""Limits that keep one hostile input or rule from taking over a run (issue: hostile input).

A light module (no regex, no YAML), so that the CLI can check the settings before
anything else is loaded.
"""

from __future__ import annotations

import math
import os

from .errors import RuleError

# How long one rule may search one text for its next match before it is given up
# for that input (catastrophic backtracking); STRIKEPARSE_RULE_TIMEOUT overrides it.
RULE_TIMEOUT_SECONDS = 2.0
RULE_TIMEOUT_ENV = "STRIKEPARSE_RULE_TIMEOUT"


def rule_timeout() -> float:
    """Seconds a rule may search for its next match: $STRIKEPARSE_RULE_TIMEOUT, else RULE_TIMEOUT_SECONDS.

    A value that is not a positive number is a RuleError (exit 3), naming the variable.
    """
    return _seconds_from_env(RULE_TIMEOUT_ENV, RULE_TIMEOUT_SECONDS)


def _seconds_from_env(name: str, default: float) -> float:
    """A positive number of seconds from the environment variable `name`, else `default`."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        seconds = float(raw)
    except ValueError:
        seconds = math.nan
    if not 0 < seconds < math.inf:
        raise RuleError(name, None, f"must be a number of seconds above 0, not {raw!r}")
    return seconds


# How long one document may take in all, per million characters (at least one million's
# worth): the rules' own time limits bound each rule, this bounds the whole, so that a
# hostile document ends with what was read so far and a warning rather than a hang.
# Ordinary reports take well under a second per million characters' share of it.
DOCUMENT_BUDGET_SECONDS_PER_MB = 30.0
DOCUMENT_BUDGET_ENV = "STRIKEPARSE_DOCUMENT_BUDGET"


def document_budget(characters: int) -> float:
    """Seconds a document of this many characters may take: $STRIKEPARSE_DOCUMENT_BUDGET
    (else DOCUMENT_BUDGET_SECONDS_PER_MB) per million characters, for at least one million."""
    per_mb = _seconds_from_env(DOCUMENT_BUDGET_ENV, DOCUMENT_BUDGET_SECONDS_PER_MB)
    return per_mb * max(1.0, characters / 1_000_000)
