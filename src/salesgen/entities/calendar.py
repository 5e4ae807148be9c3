"""The business calendar: one mechanism that places every timestamp on a local working week and day.

A timestamp is chosen as a *local* day and a *local* clock time, then converted
to UTC in the zone of the person it belongs to (the contact's company for
touches and deal events). Days follow ``realism.calendar.weekday_weights``
(Tue-Thu heavier, weekends empty except a small share of emails); clock times
follow an hourly profile per kind with a lunch dip; closes bunch at month ends;
dates a rep types (expected close) are business days.

Everything here is a pure function of its arguments (the uniforms come from the
caller's named streams), so the calendar adds no draw of its own.

Example:
    >>> import numpy as np
    >>> days = np.arange(20_454, 20_468)  # two weeks of epoch days (2026-01-01 is 20,454)
    >>> sorted(set(day_of_week_days(workday(days, np.linspace(0, 0.99, 14), np.ones(5))).tolist()))
    [0, 1, 2, 3, 4]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from salesgen.config.realism import Calendar
from salesgen.entities.common import DAY, add_months_days, local_to_utc, month_start_days

HOUR = 3600
# Relative activity per local hour 00..23 for a working day; 12:00-13:00 is scaled by the lunch dip.
_OFFICE_HOURS = np.array([0, 0, 0, 0, 0, 0, 0, 0, 0.7, 1.0, 1.1, 1.0, 1.0, 0.9, 1.05, 1.1, 1.0, 0.8, 0, 0, 0, 0, 0, 0])
_EMAIL_EVENING = np.array([0, 0, 0, 0, 0, 0, 0, 0.3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.9, 0.8, 0.6, 0.5, 0.35, 0])
_MEETING_HOURS = np.array([0, 0, 0, 0, 0, 0, 0, 0, 0, 1.0, 1.1, 1.0, 1.0, 0.9, 1.05, 1.0, 0.8, 0, 0, 0, 0, 0, 0, 0])


def day_of_week_days(days: np.ndarray) -> np.ndarray:
    """0 = Monday … 6 = Sunday of epoch days."""
    return np.asarray((np.asarray(days) + 3) % 7)


def workday(days: np.ndarray, u: np.ndarray, weights: Sequence[float] | np.ndarray) -> np.ndarray:
    """The weekday of each day's week drawn from ``weights`` (Mon..Fri), keeping the week.

    The week of the wanted day is kept, so timing stays within a few days of
    what the caller planned while the weekday follows the weights exactly.
    """
    cumulative = np.cumsum(np.asarray(weights, dtype=float))
    weekday = np.searchsorted(cumulative / cumulative[-1], u * 0.999999, side="right")
    monday = np.asarray(days) - day_of_week_days(days)
    return np.asarray(monday + weekday)


def within(days: np.ndarray, first: np.ndarray | int, last: np.ndarray | int) -> np.ndarray:
    """Days clipped into [first, last], moved by whole weeks so the weekday survives where it can."""
    days = np.where(days < first, days + 7 * (-(-(first - days) // 7)), days)
    days = np.where(days > last, days - 7 * (-(-(days - last) // 7)), days)
    return np.asarray(np.clip(days, first, np.maximum(first, last)))


def business_day(days: np.ndarray, forward: bool = False) -> np.ndarray:
    """Saturday/Sunday moved to the Friday before (or the Monday after, ``forward``)."""
    weekday = day_of_week_days(days)
    shift = np.where(weekday >= 5, (7 - weekday) if forward else (4 - weekday), 0)
    return np.asarray(np.asarray(days) + shift)


def last_business_day_of_month(days: np.ndarray) -> np.ndarray:
    """The last Monday-Friday of each day's month."""
    _, first = month_start_days(np.asarray(days) * DAY)
    return business_day(add_months_days(first, np.ones_like(first)) - 1)


def month_end(days: np.ndarray, pull: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Where ``pull``, the day moves to one of its month's last three business days (the last one most)."""
    back = np.searchsorted(np.array([0.6, 0.85, 1.0]), u * 0.999999, side="right")
    last = last_business_day_of_month(days)
    target = business_day(last - back)
    return np.asarray(np.where(pull, target, days))


def _clock(profile: np.ndarray, lunch_dip: float, u: np.ndarray, half_hours: bool) -> np.ndarray:
    weights = profile.astype(float)
    weights[12] *= lunch_dip
    cumulative = np.cumsum(weights) / weights.sum()
    hour = np.searchsorted(cumulative, u * 0.999999, side="right")
    below = np.where(hour > 0, cumulative[np.maximum(hour - 1, 0)], 0.0)
    within_hour = np.clip((u - below) / np.maximum(cumulative[hour] - below, 1e-12), 0, 0.999999)
    seconds = (within_hour * HOUR).astype(np.int64)
    if half_hours:
        seconds = seconds // 1800 * 1800
    return np.asarray(hour * HOUR + seconds)


def office_clock(u: np.ndarray, lunch_dip: float) -> np.ndarray:
    """Seconds after local midnight for calls and deal events: 08:00-18:00, lunch dip."""
    return _clock(_OFFICE_HOURS, lunch_dip, u, half_hours=False)


def meeting_clock(u: np.ndarray, lunch_dip: float) -> np.ndarray:
    """Seconds after local midnight for meetings and demos: on the half hour, 09:00-16:30, lunch dip."""
    return _clock(_MEETING_HOURS, lunch_dip, u, half_hours=True)


def email_clock(u: np.ndarray, after_hours: np.ndarray, lunch_dip: float) -> np.ndarray:
    """Seconds after local midnight for emails: office hours, or the early morning and evening."""
    return np.asarray(
        np.where(after_hours, _clock(_EMAIL_EVENING, 1.0, u, False), _clock(_OFFICE_HOURS, lunch_dip, u, False))
    )


def weekend(days: np.ndarray, move: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Where ``move``, the Saturday (or Sunday, ``u`` ≥ 0.6) of the day's week."""
    monday = np.asarray(days) - day_of_week_days(days)
    return np.asarray(np.where(move, monday + 5 + (u >= 0.6), days))


def to_utc(days: np.ndarray, seconds: np.ndarray, zone_codes: np.ndarray, zone_names: Sequence[str]) -> np.ndarray:
    """Local day + clock seconds in zone ``zone_names[code]`` → UTC epoch seconds (DST-aware)."""
    return local_to_utc(np.asarray(days, dtype=np.int64) * DAY + seconds, zone_codes, zone_names)


def local_window(lo_s: np.ndarray, hi_s: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The local days whose every wall-clock time is inside [lo_s, hi_s] in any zone (UTC-14 … UTC+14)."""
    return np.asarray(lo_s // DAY + 2), np.asarray(hi_s // DAY - 2)


def close_time(
    calendar: Calendar,
    planned: np.ndarray,
    created: np.ndarray,
    won: np.ndarray,
    u: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    zone: tuple[np.ndarray, Sequence[str]],
) -> np.ndarray:
    """Signed or dropped on a working day and hour of the customer, bunching at month ends.

    ``u`` = (weekday uniform, clock uniform, moves to month end, which of the last three days).
    A share of closes moves to the month's last three business days (the last one most); the
    weekday follows the calendar (losses lean to Fridays); a close never precedes the day after
    creation. Nothing here looks at as_of, so a later as_of never moves an earlier close.
    """
    u_day, u_clock, to_month_end, u_back = u
    day = month_end(planned // DAY, to_month_end, u_back)
    wins = workday(day, u_day, calendar.weekday_weights)
    losses = workday(day, u_day, calendar.lost_weekday_weights)
    day = np.where(to_month_end, day, np.where(won, wins, losses))
    first = created // DAY + 1
    day = within(day, first, np.maximum(day, first))
    local = to_utc(day, office_clock(u_clock, calendar.lunch_dip), zone[0], zone[1])
    return np.asarray(np.maximum(local, created + HOUR))


def open_time(
    calendar: Calendar, wanted_s: np.ndarray, first_s: np.ndarray, u: np.ndarray, zone: tuple[np.ndarray, Sequence[str]]
) -> np.ndarray:
    """A deal opens on a working day and hour of the customer in the week of ``wanted_s``, not before ``first_s``.

    Nothing here looks at as_of: the caller drops what opens after it, so a later as_of never moves
    an earlier opening.
    """
    first_day = first_s // DAY + 2
    wanted = workday(wanted_s // DAY, u[0], calendar.weekday_weights)
    day = within(wanted, first_day, np.maximum(wanted, first_day) + 6)  # moved by whole weeks: a workday stays one
    return to_utc(day, office_clock(u[1], calendar.lunch_dip), zone[0], zone[1])
