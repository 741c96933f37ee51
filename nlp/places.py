"""Names of countries and of their first-level subdivisions (ISO 3166, from ``pycountry``).

Why: a capitalised word in brackets after a body's name is either the body's short name
("National Telecommunications Agency (Anatel)") or the place it belongs to ("Energy Commission
(Ghana)", "Ministry of Transport (Ontario)"). Only the second is a place, and the ISO lists name
every country and province a policy text is likely to put there.
"""

from __future__ import annotations

import functools

import pycountry

from nlp.text import normalize_name


def _names_of(country: object) -> frozenset[str]:
    """A pycountry country's normalized English names (short, common and official)."""
    return frozenset(
        normalize_name(value)
        for field in ("name", "common_name", "official_name")
        if (value := getattr(country, field, None))
    )


@functools.cache
def _place_names() -> frozenset[str]:
    names: set[str] = set()
    for country in pycountry.countries:
        names |= _names_of(country)
    for subdivision in pycountry.subdivisions:
        names.add(normalize_name(subdivision.name))
    return frozenset(names)


def is_place(name: str) -> bool:
    """Whether ``name`` is a country's or a first-level subdivision's English name."""
    return normalize_name(name) in _place_names()


@functools.cache
def country_names() -> tuple[str, ...]:
    """Countries' short English names as written ("Austria", "South Africa"), longest first,
    without the ones that carry a comma or a bracket ("Korea, Republic of")."""
    names = {
        value
        for country in pycountry.countries
        for value in (country.name, getattr(country, "common_name", None))
        if value and not any(ch in value for ch in ",()")
    }
    return tuple(sorted(names, key=len, reverse=True))


def names_of_country(code: str | None) -> frozenset[str]:
    """The normalized English names of the country with ISO 3166 alpha-2 ``code`` (empty for an
    unknown code): "US" -> {"united states", "united states of america"}."""
    country = pycountry.countries.get(alpha_2=code.upper()) if code else None
    return frozenset() if country is None else _names_of(country)
