"""psr_assist: a terminal assistant for writing pre-sentence reports.

Keep this module free of imports: `psr-assist check` and `export` must start fast and
must never pull in Textual.
"""

__version__ = "0.1.0"
