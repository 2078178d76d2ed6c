"""diplobrief: briefs on diplomatic news — summary, key actors and quotes from an article link."""

__version__ = "0.1.0"
