"""Errors users see, and the exit codes they map to (repeated in the README)."""

from __future__ import annotations

# Exit codes: one table, used by the CLI and documented in the README.
EXIT_OK = 0
EXIT_INPUT_FAILED = 1  # at least one input could not be read; the others were still parsed
EXIT_USAGE = 2  # bad option or argument
EXIT_RULES = 3  # a rule file is invalid (YAML, unknown key, duplicate id, bad regex)
EXIT_INTERRUPTED = 130  # Ctrl-C


class StrikeparseError(Exception):
    exit_code = EXIT_INPUT_FAILED


class InputError(StrikeparseError):
    """An input that cannot be read at all: it gives no report."""

    exit_code = EXIT_INPUT_FAILED

    def __init__(self, source: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message


class RuleError(StrikeparseError):
    """A rule file that cannot be used; the message points at the line."""

    exit_code = EXIT_RULES

    def __init__(self, path: str, line: int | None, message: str, rule_id: str | None = None, column: int | None = None) -> None:
        where = path
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        who = f" rule {rule_id!r}:" if rule_id else ""
        super().__init__(f"{where}:{who} {message}")
        self.path = path
        self.line = line
        self.column = column
        self.rule_id = rule_id
        self.message = message
