"""Events as iCalendar (RFC 5545): one .ics file per event and a feed per language.

Times carry their event's TZID with the zone's VTIMEZONE in the file, so a calendar shows
them right wherever its owner is; all-day events are dates (DTEND the day after the last).
Addresses come from the Site record (core.canonical), never from the request's Host.
"""

import datetime
import functools
from urllib.parse import urlsplit

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

import icalendar

from core import canonical

from .events import zone

# What an event's VEVENT reads (translated fields load in every language): a feed builds
# its hundred events from these columns alone, a third faster than whole pages.
FIELDS = (
    *("title", "summary", "address", "online_url", "url_path", "path", "depth", "locale"),
    *("start", "end", "all_day", "time_zone", "status", "attendance", "last_published_at"),
    *("content_type", "city__name", "city__country", "city__latitude", "city__longitude"),
)
STATUS = {"cancelled": "CANCELLED", "postponed": "TENTATIVE"}  # otherwise CONFIRMED


def build(events, request, name=None):
    """A VCALENDAR of `events` (pages with a start), in the active language."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//ICLEI portal//Events//EN")
    calendar.add("version", "2.0")
    if name:
        calendar.add("name", name)
        calendar.add("x-wr-calname", name)
    host = urlsplit(canonical.root_url(request)).hostname or "localhost"
    for name in sorted({event.time_zone for event in events if not event.all_day}):
        calendar.add_component(_vtimezone(name))
    for event in events:
        calendar.add_component(_event(event, request, host))
    return calendar


@functools.lru_cache(maxsize=64)
def _vtimezone(name):
    """The zone's VTIMEZONE (its rules 1970–2038), made once per process: icalendar takes
    a tenth of a second or more to work one out from the zone's transitions."""
    return icalendar.Timezone.from_tzinfo(zone(name), tzid=name)


def _event(event, request, host):
    tz = zone(event.time_zone)
    start = event.start.astimezone(tz)
    end = (event.end or event.start).astimezone(tz)
    item = icalendar.Event()
    item.add("uid", f"event-{event.pk}@{host}")
    item.add("dtstamp", event.last_published_at or timezone.now())
    item.add("summary", event.title)
    if event.all_day:
        item.add("dtstart", start.date())
        item.add("dtend", end.date() + datetime.timedelta(days=1))
    else:
        item.add("dtstart", start)
        item.add("dtend", end)
    url = canonical.absolute_url(request, event.get_url(request=request))
    item.add("url", url)
    item.add("description", "\n\n".join(part for part in (event.summary, url) if part))
    item.add("status", STATUS.get(event.status, "CONFIRMED"))
    location = _location(event)
    if location:
        item.add("location", location)
    city = event.city
    if city is not None and city.latitude is not None and event.attendance != "online":
        item.add("geo", (float(city.latitude), float(city.longitude)))
    return item


def _location(event):
    if event.attendance == "online":
        return event.online_url
    place = [event.address.replace("\n", ", ")] if event.address else []
    if event.city is not None:
        place.append(f"{event.city.name}, {event.city.country.name}")
    if event.attendance == "mixed" and event.online_url:
        place.append(event.online_url)
    return ", ".join(place)


def response(calendar, filename, attachment=False):
    answer = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    answer["Content-Disposition"] = content_disposition_header(attachment, filename)
    return answer
