"""Importing this package registers every rule with ``domain.check``."""

from psr_assist.domain.rules import sources  # noqa: F401
