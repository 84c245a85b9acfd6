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
    raw = os.environ.get(RULE_TIMEOUT_ENV, "").strip()
    if not raw:
        return RULE_TIMEOUT_SECONDS
    try:
        seconds = float(raw)
    except ValueError:
        seconds = math.nan
    if not 0 < seconds < math.inf:
        raise RuleError(RULE_TIMEOUT_ENV, None, f"must be a number of seconds above 0, not {raw!r}")
    return seconds
