"""Numbers, shares and dates written the way the participant's language writes them.

English keeps the course's own short forms ("67,397", "45%", "28 Feb 2029"), which the
lessons and tests were written with; Spanish and French use Unicode CLDR's rules through
Babel ("67.397" / "67 397", "45 %", "28 feb 2029" / "28 févr. 2029"), so a number in a
sentence reads as the reader expects.
"""

from __future__ import annotations

from datetime import date

from .messages import current_language

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def number(value) -> str:
    """A whole number with the language's thousands separator: '67,397', '67.397', '67 397'."""
    code = current_language()
    if code == "en":
        return f"{int(value):,}"
    from babel.numbers import format_decimal

    return format_decimal(int(value), locale=code)


def percent(share: float) -> str:
    """A share (0.45) as a whole percentage: '45%' in English, '45 %' in Spanish and French."""
    code = current_language()
    if code == "en":
        return f"{share:.0%}"
    from babel.numbers import format_percent

    return format_percent(share, locale=code)


def day(value: date) -> str:
    """'28 Feb 2029' ('28 feb 2029', '28 févr. 2029'): short, with no leading zero."""
    code = current_language()
    if code == "en":
        return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"
    from babel.dates import format_date

    return format_date(value, "d MMM y", locale=code)


def month(value: date) -> str:
    """'Feb 2029' ('feb 2029', 'févr. 2029')."""
    code = current_language()
    if code == "en":
        return f"{_MONTHS[value.month - 1]} {value.year}"
    from babel.dates import format_date

    return format_date(value, "MMM y", locale=code)
