"""briefing: a terminal dashboard for situation briefings kept as YAML."""

__version__ = "0.1.0"
