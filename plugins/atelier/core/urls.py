"""Site-relative addresses of the pages the knowledge base publishes ("URLs use the id")."""

from __future__ import annotations


def sheet_url(sheet_id: str) -> str:
    """The address of a sheet page."""
    return f"practices/{sheet_id}/"


def community_url(community_id: str) -> str:
    """The address of a community page."""
    return f"communities/{community_id}/"
