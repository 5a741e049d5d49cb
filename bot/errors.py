"""Domain exceptions. Each carries a short message that is safe to show a user as is."""

from __future__ import annotations


class BriefbotError(Exception):
    """Base of every error whose message may be shown to a user (no paths, no tracebacks)."""

    def __init__(self, user_message: str) -> None:
        super().__init__(user_message)
        self.user_message = user_message


class ConfigError(BriefbotError):
    """A setting is missing or inconsistent."""


class UnsafeURLError(BriefbotError):
    """A URL was refused before any connection: bad scheme, private address, too many redirects."""


class FetchError(BriefbotError):
    """A fetch failed: timeout, too large, wrong content type, HTTP error."""


class SourceError(BriefbotError):
    """A file or page could not be turned into an article (empty, binary, malformed)."""


class IndexUnavailableError(BriefbotError):
    """The vector index could not be read or written (Chroma down, model mismatch)."""


class RetrievalError(BriefbotError):
    """Retrieval failed; an answer must not be composed from nothing."""


class NotFoundError(BriefbotError):
    """An article, feed or subscription id that does not exist."""


class InvalidInputError(BriefbotError):
    """User input out of bounds: an oversized question, a malformed schedule."""


class PermissionDeniedError(BriefbotError):
    """The caller may not do this (curation is for moderators)."""
