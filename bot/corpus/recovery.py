"""Finishing what a killed run left, and setting aside what cannot be finished.

Every row's state says what was under way: ``deleting`` rows lose their vectors and are purged,
``pending`` rows are indexed, corrected metadata is rewritten. A pending article whose indexing fails
(not the index being down: something about the article itself) is retried on the next few opens, then
set aside as *failed* with its reason (audited), so one bad article never stops every later command.
``corpus check`` and ``corpus list --state failed`` show it; ``corpus retry`` puts it back in line and
``corpus remove`` drops it.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from bot.corpus.adding import Ingestor
from bot.corpus.catalog import Catalog
from bot.corpus.index import VectorIndex
from bot.errors import BriefbotError, IndexUnavailableError

log = logging.getLogger(__name__)

MAX_RECOVERY_ATTEMPTS = 3
RECOVERY_ACTOR = "system:recovery"
RECOVERY_ORIGIN = "recovery"


def failure_reason(exc: BaseException) -> str:
    """One line saying why, safe to show (a domain error's own message, else the error's type)."""
    if isinstance(exc, BriefbotError):
        return exc.user_message
    first = (str(exc).strip().splitlines() or [""])[0]
    return f"{type(exc).__name__}: {first[:200]}" if first else type(exc).__name__


class Recovery:
    """Runs when the corpus opens and before every change; cheap when there is nothing to do."""

    def __init__(self, catalog: Catalog, index: VectorIndex, ingestor: Ingestor,
                 max_attempts: int = MAX_RECOVERY_ATTEMPTS, max_article_bytes: int | None = None) -> None:
        self.catalog = catalog
        self.index = index
        self.ingestor = ingestor
        self.max_attempts = max_attempts
        self.max_article_bytes = max_article_bytes

    def recover(self) -> int:
        """Finish whatever an interrupted run left: drop vectors of removed rows, index pending ones
        (setting aside those that keep failing), rewrite corrected metadata."""
        deleting = self.catalog.deleting()
        for article_id in deleting:
            self.index.delete_article(article_id)
        if deleting:
            self.catalog.purge(deleting)
        pending = self._set_aside_oversize(self.catalog.pending())
        for step in self.ingestor.steps(pending):
            self._index_step(step)
        corrected = self.ingestor.refresh_metadata()
        if deleting or pending or corrected:
            log.info("recovered %d pending, %d deleting and %d corrected articles",
                     len(pending), len(deleting), corrected)
        return len(deleting) + len(pending) + corrected

    def _set_aside_oversize(self, pending: list[int]) -> list[int]:
        """Pending articles over the size limit (left by a version without one, or a lowered limit) are
        set aside at once rather than embedded for minutes at every open; the rest, to index."""
        if self.max_article_bytes is None or not pending:
            return pending
        articles = self.catalog.get_many(pending)
        # n_chars counts characters, never more than the UTF-8 bytes: over the limit in characters is over it
        oversize = {i for i, a in articles.items() if a.n_chars > self.max_article_bytes}
        for article_id in sorted(oversize):
            reason = (f"too large for one article ({articles[article_id].n_chars:,} characters; the limit is "
                      f"{self.max_article_bytes:,} bytes): remove it, or raise BRIEFBOT_MAX_ARTICLE_BYTES and "
                      "retry it")
            self.catalog.record_failure(article_id, reason, 1, RECOVERY_ACTOR, RECOVERY_ORIGIN)
            log.error("article %s is set aside: %s", article_id, reason)
        return [i for i in pending if i not in oversize]

    def _index_step(self, step: Sequence[int]) -> None:
        """Index a group; if it fails, each article alone, so the one at fault is found and counted."""
        try:
            self.ingestor.index_pending(step)
            return
        except IndexUnavailableError:
            raise  # the index itself is down: no article is to blame
        except Exception:
            if len(step) > 1:
                log.warning("recovering articles %s failed as a group; retrying them one by one", list(step))
            else:
                log.exception("recovering article %s failed", step[0])
        for article_id in step:
            try:
                self.ingestor.index_pending([article_id])
            except IndexUnavailableError:
                raise
            except Exception as exc:
                if len(step) > 1:
                    log.exception("recovering article %s failed", article_id)
                self._count_failure(article_id, failure_reason(exc))

    def _count_failure(self, article_id: int, reason: str) -> None:
        failed = self.catalog.record_failure(article_id, reason, self.max_attempts, RECOVERY_ACTOR,
                                             RECOVERY_ORIGIN)
        if failed:
            log.error("article %s failed to index %d times and is set aside (%s); "
                      "`briefbot corpus retry %s` or `briefbot corpus remove %s`",
                      article_id, self.max_attempts, reason, article_id, article_id)
