"""Programme phases on a time axis of years, for an HTML/CSS timeline.

Each phase becomes a row of one cell per year of the axis, on or off, so the template
needs no inline styles (the CSP forbids them) and a CSS grid lays the years out in the
page's direction: right to left in Arabic, with no mirroring code.
"""

import math
from dataclasses import dataclass

from django.utils import timezone

MAX_LABELS = 8


@dataclass
class Cell:
    on: bool
    first: bool = False
    last: bool = False
    open: bool = False  # the phase runs on past the axis's last year


@dataclass
class Row:
    phase: object
    cells: list


@dataclass
class Timeline:
    years: list
    labels: list  # the year, or "" where labels are thinned out
    rows: list


def phase_timeline(programme, phases, this_year=None):
    """The timeline of a programme's phases, or None without phases. An open phase runs to
    this year (or the programme's end, if later)."""
    phases = list(phases)
    if not phases:
        return None
    this_year = this_year or timezone.now().year
    starts = [phase.start_year for phase in phases] + [programme.start_year]
    ends = [phase.end_year or max(this_year, phase.start_year) for phase in phases]
    ends.append(programme.end_year)
    first = min(year for year in starts if year)
    last = max(year for year in ends + [first] if year)
    years = list(range(first, last + 1))
    step = math.ceil(len(years) / MAX_LABELS)
    labels = [str(year) if (year - first) % step == 0 else "" for year in years]
    rows = []
    for phase in phases:
        end = phase.end_year or last
        rows.append(
            Row(
                phase=phase,
                cells=[
                    Cell(
                        on=phase.start_year <= year <= end,
                        first=year == phase.start_year,
                        last=year == end,
                        open=year == end and not phase.end_year,
                    )
                    for year in years
                ],
            )
        )
    return Timeline(years=years, labels=labels, rows=rows)
