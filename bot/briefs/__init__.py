"""Scheduled briefs: what is new in the corpus since a channel's last brief, posted on a schedule."""
