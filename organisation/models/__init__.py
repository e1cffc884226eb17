"""ICLEI's own pages: the profile (home), its priorities, its office, general, landing and
legal pages; site settings and menus.

One module a concept; everything is re-exported here, so `organisation.models.X` keeps working.
"""

from ..contact import SentMessage, UsedToken
from .general import GeneralPage, ImpressumPage, LandingPage
from .home import HomeKeyFigure, HomePage
from .navigation import MenuLinkBlock, NavigationSettings, SiteNotice
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
    "GeneralPage",
    "ImpressumPage",
    "LandingPage",
    "MenuLinkBlock",
    "NavigationSettings",
    "SiteNotice",
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
