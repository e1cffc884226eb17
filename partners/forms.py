"""The admin form of event pages: times typed as the event's local time."""

from django import forms

from core.models import PageForm

from .events import in_event_time, time_zone_names, to_event_time


def time_zone_select():
    """A list of every IANA zone name for the panel (the model field stays free text, so a
    new tzdata release needs no migration; the field's validator checks the name)."""
    return forms.Select(choices=[(name, name) for name in time_zone_names()])


class EventPageForm(PageForm):
    """Editors type the times the event's programme gives, in the event's time zone (not the
    admin's): the form shows and reads start and end as wall-clock times in that zone."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        for name in ("start", "end"):
            if name in self.fields and getattr(instance, name, None):
                self.initial[name] = in_event_time(getattr(instance, name), instance.time_zone)

    def clean(self):
        cleaned = super().clean()
        time_zone = cleaned.get("time_zone") or self.instance.time_zone
        for name in ("start", "end"):
            if cleaned.get(name) is not None:
                cleaned[name] = to_event_time(cleaned[name], time_zone)
        return cleaned
