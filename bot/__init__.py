"""briefbot: answers questions about one news story from a curated, cited corpus."""

__version__ = "0.1.0"
