"""When and where an event happens, as visitors read it: dates in their language (Babel,
in the event's own time zone), whether it is upcoming or over, and its schema.org data.

Helpers take events as arguments and query nothing, so listings can call them per card.
"""

import datetime
import zoneinfo
from functools import cache

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from babel import Locale
from babel.dates import format_datetime, format_interval, format_skeleton
from rest_framework import serializers


def default_time_zone():
    return settings.TIME_ZONE


@cache
def time_zone_names():
    """Every IANA zone name the system knows (tzdata), sorted for the editors' list."""
    return sorted(zoneinfo.available_timezones())


def validate_time_zone(value):
    if value not in time_zone_names():
        raise ValidationError(
            _("“%(value)s” is not a time zone name such as “Europe/Berlin”."),
            params={"value": value},
        )


def zone(name):
    """The ZoneInfo for a stored name; UTC for a name the system no longer knows."""
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return datetime.UTC


def over_at(event):
    """The moment an event is over, for the archive: its end (all-day events: midnight after
    their last day in their time zone); for an event known only by its years, the end of its
    last year; None for a series with no end year (it stays current)."""
    tz = zone(event.time_zone)
    if event.start:
        end = event.end or event.start
        if event.all_day:
            last_day = end.astimezone(tz).date()
            midnight = datetime.datetime.combine(
                last_day + datetime.timedelta(days=1), datetime.time()
            )
            return midnight.replace(tzinfo=tz)
        return end
    last_year = event.end_year or (None if event.is_series else event.start_year)
    if last_year is None:
        return None
    return datetime.datetime(last_year + 1, 1, 1, tzinfo=tz)


def babel_locale(language=None):
    return Locale.parse(translation.to_locale(language or translation.get_language()))


def _hours(locale):
    """'H' (24-hour clock) or 'h' (12-hour), as the language writes short times."""
    return "h" if "h" in locale.time_formats["short"].pattern else "H"


def format_when(event, language=None):
    """The event's dates (and times) in the visitor's language, in the event's time zone:
    “Fri, Mar 12, 2027, 9:00 AM – 5:00 PM”, “12–14 мар. 2027 г.”. "" without a start."""
    if not event.start:
        return ""
    locale, tz = babel_locale(language), zone(event.time_zone)
    start = event.start.astimezone(tz)
    end = (event.end or event.start).astimezone(tz)
    if event.all_day:
        if start.date() == end.date():
            return format_skeleton("yMMMEd", start, locale=locale)
        return format_interval(start.date(), end.date(), "yMMMd", locale=locale)
    hours = _hours(locale) + "m"
    # “{1}, {0}”: the language's own way to join a date ({1}) and a time ({0}).
    glue = locale.datetime_formats["medium"]
    if start.date() == end.date():
        day = format_skeleton("yMMMEd", start, tzinfo=tz, locale=locale)
        times = format_interval(start, end, hours, tzinfo=tz, locale=locale)
        return glue.format(times, day)
    fallback = locale.interval_formats[None]  # “{0} – {1}” in the language's own form
    return fallback.format(
        *(
            glue.format(
                format_skeleton(hours, moment, tzinfo=tz, locale=locale),
                format_skeleton("yMMMd", moment, tzinfo=tz, locale=locale),
            )
            for moment in (start, end)
        )
    )


def format_time_zone(event, language=None):
    """The zone's name at the event's start in the visitor's language (“Central European
    Standard Time”); "" for all-day events and events without a start."""
    if not event.start or event.all_day:
        return ""
    tz = zone(event.time_zone)
    return format_datetime(event.start, "zzzz", tzinfo=tz, locale=babel_locale(language))


def is_over(event, now=None):
    moment = event.ends_at
    return moment is not None and moment <= (now or timezone.now())


def to_event_time(value, time_zone):
    """A date-time the admin form read in the editor's time zone, taken as the same wall
    clock time in the event's zone (editors type the time the event's programme gives)."""
    if value is None:
        return None
    wall_clock = timezone.make_naive(value, timezone.get_current_timezone())
    return wall_clock.replace(tzinfo=zone(time_zone))


def in_event_time(value, time_zone):
    """A stored date-time as the wall clock time in the event's zone, for the form (naive: the
    form shows it as it is)."""
    if value is None:
        return None
    return value.astimezone(zone(time_zone)).replace(tzinfo=None)


# schema.org terms for the event's fields.
EVENT_STATUS = {
    "scheduled": "https://schema.org/EventScheduled",
    "cancelled": "https://schema.org/EventCancelled",
    "postponed": "https://schema.org/EventPostponed",
    "rescheduled": "https://schema.org/EventRescheduled",
    "moved_online": "https://schema.org/EventMovedOnline",
}
ATTENDANCE_MODE = {
    "in_person": "https://schema.org/OfflineEventAttendanceMode",
    "online": "https://schema.org/OnlineEventAttendanceMode",
    "mixed": "https://schema.org/MixedEventAttendanceMode",
}


def _iso(event, value):
    if event.all_day:
        return value.astimezone(zone(event.time_zone)).date().isoformat()
    return value.astimezone(zone(event.time_zone)).isoformat()


def event_data(event, absolute, organisation_id=None):
    """schema.org Event for a page with exact dates; None for one known only by its years
    (schema.org requires a startDate)."""
    if not event.start:
        return None
    data = {
        "@type": "Event",
        "name": event.title,
        "description": event.summary,
        "url": absolute(event),
        "startDate": _iso(event, event.start),
        "endDate": _iso(event, event.end or event.start),
        "eventStatus": EVENT_STATUS.get(event.status, EVENT_STATUS["scheduled"]),
        "eventAttendanceMode": ATTENDANCE_MODE.get(event.attendance, ATTENDANCE_MODE["in_person"]),
    }
    if organisation_id:
        data["organizer"] = {"@id": organisation_id}
    locations = []
    if event.attendance in ("online", "mixed") and event.online_url:
        locations.append({"@type": "VirtualLocation", "url": event.online_url})
    if event.attendance in ("in_person", "mixed") and (event.city or event.address):
        address = {"@type": "PostalAddress"}
        if event.address:
            address["streetAddress"] = event.address
        if event.city:
            address["addressLocality"] = event.city.name
            address["addressCountry"] = event.city.country.code
        place = {"@type": "Place", "address": address}
        place["name"] = event.city.name if event.city else event.address.splitlines()[0]
        if event.city and event.city.latitude is not None:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(event.city.latitude),
                "longitude": float(event.city.longitude),
            }
        locations.append(place)
    if locations:
        data["location"] = locations[0] if len(locations) == 1 else locations
    if event.registration_url:
        offer = {"@type": "Offer", "url": event.registration_url}
        if event.registration_status == "open":
            offer["availability"] = "https://schema.org/InStock"
        elif event.registration_status == "closed":
            offer["availability"] = "https://schema.org/SoldOut"
        data["offers"] = offer
    return data


class CitySerializer(serializers.Field):
    """The API's view of an event's city: name, country code and coordinates."""

    def to_representation(self, city):
        return {
            "name": city.name,
            "country": city.country.code,
            "latitude": float(city.latitude) if city.latitude is not None else None,
            "longitude": float(city.longitude) if city.longitude is not None else None,
        }
