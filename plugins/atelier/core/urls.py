"""Addresses of the pages the knowledge base publishes ("URLs use the id"), relative to the
site or made absolute with its URL."""

from __future__ import annotations


def sheet_url(sheet_id: str) -> str:
    """The address of a sheet page."""
    return f"practices/{sheet_id}/"


def community_url(community_id: str) -> str:
    """The address of a community page."""
    return f"communities/{community_id}/"


def absolute(site_url: str | None, path: str) -> str:
    """site_url + path when the site URL is known (e.g. 'https://x.org/atelier/' + 'practices/a/'),
    else '/' + path."""
    path = path.lstrip("/")
    if not site_url:
        return "/" + path
    return site_url.rstrip("/") + "/" + path


def workshop_url(workshop_id: str) -> str:
    """The address of a workshop page."""
    return f"workshops/{workshop_id}/"


def workshop_pack_url(workshop_id: str) -> str:
    """The address of a workshop's printable pack (protocol, timing, full sheets)."""
    return f"workshops/{workshop_id}/pack/"


def workshop_event_path(workshop_id: str) -> str:
    """The site path of a workshop's own calendar file ("Ajouter à mon agenda")."""
    return f"workshops/{workshop_id}/event.ics"


WORKSHOPS_URL = "workshops/"
SITE_CALENDAR_PATH = "calendar.ics"


def community_calendar_path(community_id: str) -> str:
    """The site path of a community's calendar of workshops."""
    return f"communities/{community_id}/calendar.ics"
