"""What machines read about a page: description, Open Graph, and schema.org JSON-LD.

Everything comes from the models; nothing here is written by hand per page.
"""

from django.utils import translation
from django.utils.html import strip_tags
from django.utils.text import Truncator

from wagtail.images.models import SourceImageIOError
from wagtail.models import Page

from partners.events import event_data
from partners.models import EventPage, PartnerPage
from programmes.models import ProgrammePage

from .models.general import GeneralPage, ImpressumPage, LandingPage

DESCRIPTION_LENGTH = 160
# Open Graph wants territory-style locales.
OG_LOCALES = {
    "en": "en_GB",
    "ru": "ru_RU",
    "de": "de_DE",
    "fr": "fr_FR",
    "es": "es_ES",
    "pt": "pt_PT",
    "zh-hans": "zh_CN",
    "ko": "ko_KR",
    "ar": "ar_AR",
}


def description(page, home=None):
    """The page's own search description, else its summary or intro, else the profile's."""
    for candidate in (
        getattr(page, "search_description", ""),
        getattr(page, "summary", ""),
        getattr(page, "intro", ""),
        getattr(home, "mission", "") if home else "",
    ):
        text = " ".join(strip_tags(str(candidate or "")).split())
        if text:
            return Truncator(text).chars(DESCRIPTION_LENGTH)
    return ""


def share_image(page, organisation_settings):
    """The page's own picture if it has one, else the site's default share image."""
    for name in ("hero_image", "image", "logo"):
        image = getattr(page, name, None)
        if image is not None:
            return image
    return getattr(organisation_settings, "share_image", None)


def og_locale(language=None):
    return OG_LOCALES.get(language or translation.get_language(), "en_GB")


def organisation_data(home, organisation_settings, absolute, members=None):
    """schema.org Organization for ICLEI, from the home page, settings and partner pages.

    `absolute(path_or_page)` gives an absolute URL (seo_tags finds page URLs with the request,
    which knows the site root paths: no query per page).
    `members`: the partner pages ICLEI is a member of, when the caller has them already.
    """
    data = {
        "@type": "Organization",
        "@id": absolute(home) + "#organisation",
        "name": home.title,
        "url": organisation_settings.website or absolute(home),
    }
    if getattr(home, "short_name", ""):
        data["alternateName"] = home.short_name
    image = getattr(organisation_settings, "logo", None) or getattr(
        organisation_settings, "share_image", None
    )
    if image is not None:
        try:
            data["logo"] = absolute(image.get_rendition("max-512x512|format-png").url)
        except SourceImageIOError:  # the file is gone: no logo rather than no page
            pass
    if organisation_settings.has_address:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": organisation_settings.street_address,
            "postalCode": organisation_settings.postal_code,
            "addressLocality": organisation_settings.locality,
            "addressCountry": organisation_settings.country.code,
        }
    if members is None:
        members = (
            PartnerPage.objects.live()
            .public()
            .filter(relationship=PartnerPage.Relationship.MEMBER)
            .order_by("path")
        )
    memberships = [membership(partner, absolute) for partner in members]
    if memberships:
        data["memberOf"] = memberships
    if organisation_settings.email:
        data["email"] = organisation_settings.email
    same_as = [link.value["url"] for link in organisation_settings.social_links or ()]
    if same_as:
        data["sameAs"] = same_as
    return data


def webpage_data(page, absolute, organisation_id):
    """schema.org WebPage for a page of text (general, landing, Impressum)."""
    data = {
        "@type": "WebPage",
        "@id": absolute(page),
        "url": absolute(page),
        "name": page.title,
        "inLanguage": translation.get_language(),
        "publisher": {"@id": organisation_id},
    }
    text = description(page)
    if text:
        data["description"] = text
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    return data


def membership(partner, absolute):
    organisation = {"@type": "Organization", "name": partner.title, "url": absolute(partner)}
    if partner.acronym:
        organisation["alternateName"] = partner.acronym
    if not partner.since_year:
        return organisation
    # A Role carries the start date of the membership (schema.org's Role pattern).
    return {
        "@type": "OrganizationRole",
        "memberOf": organisation,
        "startDate": str(partner.since_year),
    }


def project_data(programme, absolute, organisation_id):
    data = {
        "@type": "Project",
        "name": programme.title,
        "description": programme.summary,
        "url": absolute(programme),
        "parentOrganization": {"@id": organisation_id},
    }
    if programme.start_year:
        data["foundingDate"] = str(programme.start_year)
    if programme.end_year:
        data["dissolutionDate"] = str(programme.end_year)
    countries = [
        {"@type": "Country", "name": str(country.name), "identifier": country.code}
        for country in programme.countries
    ]
    if programme.region:
        countries.append({"@type": "Place", "name": programme.region})
    if countries:
        data["areaServed"] = countries
    partners = [
        {"@type": "Organization", "name": link.partner.title, "url": absolute(link.partner)}
        # .all(): the page's get_context prefetched the links with their partners.
        for link in programme.partners.all()
        if link.partner.live
    ]
    if partners:
        data["member"] = partners
    return data


def breadcrumb_data(page, absolute, ancestors=None):
    if ancestors is None:
        ancestors = page.get_ancestors().filter(depth__gte=2)
    trail = [*ancestors, page]
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": crumb.title,
                "item": absolute(crumb),
            }
            for position, crumb in enumerate(trail, start=1)
        ],
    }


def structured_data(page, home, organisation_settings, absolute, members=None, ancestors=None):
    """The JSON-LD graph of a page: the organisation, the page's own thing, its breadcrumbs."""
    if not isinstance(page, Page) or home is None:
        return None
    graph = [organisation_data(home, organisation_settings, absolute, members)]
    if isinstance(page, ProgrammePage):
        graph.append(project_data(page, absolute, graph[0]["@id"]))
    elif isinstance(page, GeneralPage | LandingPage | ImpressumPage):
        graph.append(webpage_data(page, absolute, graph[0]["@id"]))
    elif callable(getattr(page, "schema_org", None)):  # page types of apps built on this one
        graph.append(page.schema_org(absolute, graph[0]["@id"]))
    if isinstance(page, EventPage) and (event := event_data(page, absolute, graph[0]["@id"])):
        graph.append(event)
    if page.depth > 2:
        graph.append(breadcrumb_data(page, absolute, ancestors))
    return {"@context": "https://schema.org", "@graph": graph}
