"""England's academic year: terms, half-terms, school holidays, bank holidays and a hub's closure days.

    rule  the rule for term dates no calendar gives (`terms_by_rule`); England's bank holidays
    year  AcademicYear: one calendar's year (the national default, a local authority's, a school's) and
          whether a day is a school day there

The national default comes from `data/year/YYYY-YY.yaml` (England's bank holidays, and terms if listed),
else from the rule; a local authority's or a school's dates from `data/term-dates/`; a hub may also give
its own terms. Bank holidays come from the `holidays` package (England) unless the year file lists them.
"""

from mh_planner.academic_year.rule import easter_terms, england_bank_holidays, terms_by_rule
from mh_planner.academic_year.year import (
    HALF_TERM_NAMES,
    TERM_NAMES,
    AcademicYear,
    Named,
    Period,
    label_of,
    start_year_of,
)

__all__ = [
    "HALF_TERM_NAMES",
    "TERM_NAMES",
    "AcademicYear",
    "Named",
    "Period",
    "easter_terms",
    "england_bank_holidays",
    "label_of",
    "start_year_of",
    "terms_by_rule",
]
