"""Keep contact details out of the feeds, whatever a hand-edited title or description says.

Feeds never read `email`, `phone` or `notes`; this is the second line: free text that goes into a feed
(titles, places, descriptions) is scrubbed of every contact detail the plans hold, in whatever spacing it
was typed, and of anything shaped like an e-mail address or a UK phone number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from mh_planner.calendar import Calendar

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# +44 or a leading 0, then 9-10 more digits in groups: '01223 000101', '+44 7700 900123', '020-7946-0000'.
PHONE = re.compile(r"(?<![\w+])(?:\+44\s?\(?0?\)?\s?|0)\d{2,4}(?:[\s-]?\d{2,4}){2,3}(?!\w)")
DIGIT_RUN = re.compile(r"[+(]*\d[\d\s().\-/]*\d")  # digits with the separators a phone number is typed with
EMAIL_MARK = "[e-mail removed]"
PHONE_MARK = "[phone removed]"
MIN_PHONE_DIGITS = 7


def _digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


class Scrubber:
    """Called on every text of every event: at national scale (1,200 people, 75,000 texts) a loop over the
    known details per text would dominate the export, so known phone numbers are matched by their digits
    through a set, and known e-mail addresses by the e-mail pattern that catches them anyway."""

    def __init__(self, known: Iterable[str] = ()) -> None:
        self.phones: set[str] = set()
        self.verbatim: list[str] = []  # details neither pattern recognises: looked for as they are
        for detail in {k.strip() for k in known if k and k.strip()}:
            digits = _digits(detail)
            if EMAIL.fullmatch(detail):
                continue
            if len(digits) >= MIN_PHONE_DIGITS and not any(ch.isalpha() for ch in detail):
                self.phones.add(digits)
                # +44 1223 000101 and 01223 000101 are one number.
                if digits.startswith("44"):
                    self.phones.add("0" + digits[2:])
                elif digits.startswith("0"):
                    self.phones.add("44" + digits[1:])
            else:
                self.verbatim.append(detail)
        self.verbatim.sort(key=len, reverse=True)  # one detail containing another goes whole
        self.lengths = sorted({len(d) for d in self.phones})

    @classmethod
    def for_calendar(cls, calendar: Calendar) -> Scrubber:
        details = [value for p in calendar.people.values() for value in (p.email, p.phone) if value]
        return cls(details)

    def __call__(self, text: str | None) -> str | None:
        if not text:
            return text
        for detail in self.verbatim:
            if detail in text:
                text = text.replace(detail, EMAIL_MARK if "@" in detail else PHONE_MARK)
        text = EMAIL.sub(EMAIL_MARK, text)
        if self.phones:
            text = DIGIT_RUN.sub(self._known_phones, text)
        return PHONE.sub(lambda m: PHONE_MARK if 10 <= len(_digits(m.group())) <= 13 else m.group(), text)

    def _known_phones(self, match: re.Match[str]) -> str:
        run = match.group()
        where = [i for i, ch in enumerate(run) if ch.isdigit()]
        digits = "".join(run[i] for i in where)
        spans: list[tuple[int, int]] = []
        for n in self.lengths:
            for s in range(len(digits) - n + 1):
                if digits[s : s + n] in self.phones:
                    start = where[s]
                    while start and run[start - 1] in "+(":  # '+44', '(01223)': the mark takes them too
                        start -= 1
                    spans.append((start, where[s + n - 1] + 1))
        if not spans:
            return run
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        for start, end in reversed(merged):
            run = run[:start] + PHONE_MARK + run[end:]
        return run
