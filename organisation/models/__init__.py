"""ICLEI's own pages: the profile (home), its priorities and its office; site settings.

One module a concept; everything is re-exported here, so `organisation.models.X` keeps working.
"""

from ..contact import SentMessage, UsedToken
from .home import HomeKeyFigure, HomePage
from .office import InboxSubmissionsPanel, OfficeFormField, OfficePage
from .pollutants import Pollutant
from .priorities import (
    TEXT_FEATURES,
    PriorityFigure,
    PriorityIndexPage,
    PriorityLink,
    PriorityPage,
    PriorityPollutant,
)
from .site_settings import OrganisationSettings

__all__ = [
    "HomeKeyFigure",
    "HomePage",
    "InboxSubmissionsPanel",
    "OfficeFormField",
    "OfficePage",
    "OrganisationSettings",
    "Pollutant",
    "PriorityFigure",
    "PriorityIndexPage",
    "PriorityLink",
    "PriorityPage",
    "PriorityPollutant",
    "SentMessage",
    "TEXT_FEATURES",
    "UsedToken",
]
