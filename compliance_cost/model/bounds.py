"""Sane bounds for every input, shared by validation and the API schema.

A value outside its bound is refused with the field named (never clipped). The upper bounds
are far above any real procedure and exist to catch typing errors (an amount typed with three
zeros too many, hours typed as minutes):

========================  =========================  ========================================
input                     bound                      why
========================  =========================  ========================================
hours (per person, step)  0 – 8,760                  one step of one occurrence cannot take
                                                     one person more than a year of clock time
persons (per step)        > 0 – 1,000                a step done by more than a thousand people
                                                     is a typing error; decimals allowed
                                                     (an average of 1.5 people)
amounts (đồng)            0 – 1,000,000,000,000      one fee, cost or purchase above one
                                                     thousand billion đồng is a typing error
hourly value (đồng/hour)  > 0 – 10,000,000           about 200 × the average income per hour
overhead multiplier       1 – 5                      SCM uses 1.25 by default; below 1 would
                                                     value time under the wage
subjects                  integer 0 – 200,000,000    twice Viet Nam's population; 0 is allowed
                                                     (a repealed regulation binds no one)
dossiers per year         0 – 1,000,000,000          all dossiers of the national public
                                                     service portal are far fewer
per year                  > 0 – 8,760                once an hour at most; 0 is refused: with a
                                                     horizon it would silently cost nothing
every k years             integer 1 – 50
horizon, first year,      integer 1 – 50             first year and one-off year also at most
one-off year                                         the horizon
steps per list            at most 100
fees, other costs         at most 50 each
names                     at most 255 characters
evidence source / url     at most 500 characters; note at most 1,000
========================  =========================  ========================================
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Bound:
    """An inclusive range (``minimum`` exclusive when ``exclusive_minimum``), optionally integer."""

    minimum: Decimal
    maximum: Decimal
    exclusive_minimum: bool = False
    integer: bool = False

    def admits(self, value: Decimal) -> bool:
        above = value > self.minimum if self.exclusive_minimum else value >= self.minimum
        return above and value <= self.maximum and (not self.integer or value == value.to_integral_value())


MAX_HORIZON_YEARS = 50
MAX_STEPS = 100
MAX_ITEMS = 50
MAX_NAME_CHARS = 255
MAX_SOURCE_CHARS = 500
MAX_NOTE_CHARS = 1000

HOURS = Bound(Decimal(0), Decimal(8760))
PERSONS = Bound(Decimal(0), Decimal(1000), exclusive_minimum=True)
AMOUNT = Bound(Decimal(0), Decimal(10**12))
HOURLY_VALUE = Bound(Decimal(0), Decimal(10_000_000), exclusive_minimum=True)
OVERHEAD_MULTIPLIER = Bound(Decimal(1), Decimal(5))
SUBJECTS = Bound(Decimal(0), Decimal(200_000_000), integer=True)
DOSSIERS_PER_YEAR = Bound(Decimal(0), Decimal(10**9))
PER_YEAR = Bound(Decimal(0), Decimal(8760), exclusive_minimum=True)
EVERY_YEARS = Bound(Decimal(1), Decimal(MAX_HORIZON_YEARS), integer=True)
YEAR = Bound(Decimal(1), Decimal(MAX_HORIZON_YEARS), integer=True)

# Parameter sets (admin data): the income and working time an hourly value is derived from.
INCOME = Bound(Decimal(0), Decimal(10**12), exclusive_minimum=True)
INCOME_MONTHS = Bound(Decimal(1), Decimal(12), integer=True)
DAYS_PER_MONTH = Bound(Decimal(0), Decimal(31), exclusive_minimum=True)
HOURS_PER_DAY = Bound(Decimal(0), Decimal(24), exclusive_minimum=True)
BASE_YEAR = Bound(Decimal(1990), Decimal(2100), integer=True)
