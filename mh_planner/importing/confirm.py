"""Matching a published calendar's events to the programme's events that are known only by a window.

For each candidate (a central event "Early October", say) the imported events are narrowed in turn:

1. **Project code.** An event that names the candidate's code ("NCP 19-11", "19-11") in its summary,
   description or categories is in; one that names only other codes is out. Events naming no code
   at all stay in, held to a stricter title test.
2. **Title.** Words compared as sets (case, punctuation, lengths such as "(1 day)" and the code
   ignored), each word weighted by its rarity among all the titles and summaries in play (inverse
   document frequency): the project's own words ("Mastery Readiness ... MR Leads") are in every title
   and say little, "webinar", "residential" or "2" say which event it is. Two measures, in 0..1: the
   weighted share of the candidate's words found in the summary (`coverage`: the national calendar
   often adds words, "National Workshop - Secondary Mastery Specialists Work Groups") and the weighted
   Dice overlap of the two. With a matching code, the better of the two must reach 0.75: the code has
   said which project, the title must say which of its events, and one missing distinctive word
   ("webinar" against "Workshop 2") brings coverage to about 0.65. Without a code, Dice must reach
   0.85: the title is then all the evidence. Numbers must agree: "Workshop 2" never matches
   "Workshop 1", however similar the rest; and so must kinds: a "webinar" never matches a "workshop"
   or a "residential" (with the whole programme in play, the shared project words can outweigh one
   missing word). When several events pass, the best is taken if it leads
   the next by 0.15 or more; otherwise they remain choices.
3. **Window.** Of what is left, events starting inside the candidate's window win. One left: matched.
   Several: ambiguous (all are offered). None inside but some outside: the single one is matched and
   flagged `outside_window` (the programme moved it, or the import is wrong: a person decides);
   several outside are ambiguous.

An event matched to two candidates goes to the one whose title fits it better by 0.15 or more (the
other looks again without it: "Workshop 2 (new MR Leads)" gives way to "Workshop 2 (experienced MR
Leads)"); otherwise both are ambiguous. Everything is sorted, so the same input always gives the same
answer.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

CODE = re.compile(r"(?<![\d-])(?:NCP\s*)?(\d{2})\s*[-\u2013]\s*(\d{2})(?![\d-])", re.IGNORECASE)
WORD = re.compile(r"[a-z0-9]+")
WITH_CODE, WITHOUT_CODE, LEAD = 0.75, 0.85, 0.15
LENGTH = re.compile(r"\(?\b\d+(?:\.\d+)?\s*(?:days?|hours?|hrs?|minutes?|mins?)\b\)?", re.IGNORECASE)
# What kind of event a title names: two titles naming different kinds are different events.
KINDS = frozenset({"webinar", "workshop", "residential", "conference", "forum", "visit", "launch", "meeting"})
# Words that say nothing about which event it is.
STOP = frozenset({"the", "a", "an", "of", "and", "for", "in", "on", "at", "to", "ncp", "day", "days"})


class Verdict(StrEnum):
    MATCHED = "matched"
    AMBIGUOUS = "ambiguous"
    UNMATCHED = "unmatched"


@dataclass(frozen=True, slots=True)
class Candidate:
    id: str  # e.g. "19-11/a-nw1": what the plan's `confirm:` map is keyed by
    title: str
    window_start: dt.date
    window_end: dt.date  # included
    code: str | None = None  # "NCP 19-11" or "19-11"


@dataclass(frozen=True, slots=True)
class Announcement:
    """An imported event, as far as matching needs it."""

    summary: str
    start: dt.datetime
    end: dt.datetime
    description: str = ""
    categories: tuple[str, ...] = ()
    uid: str = ""
    all_day: bool = False


@dataclass(frozen=True, slots=True)
class Match:
    candidate: Candidate
    verdict: Verdict
    event: Announcement | None = None  # the match, when matched
    options: tuple[Announcement, ...] = ()  # every event still in play (the match itself, or the choices)
    outside_window: bool = False
    score: float = 0.0  # the title similarity of the match
    reason: str = ""


def codes(text: str) -> set[str]:
    return {f"{a}-{b}" for a, b in CODE.findall(text)}


Weights = dict[str, float]


def weights(texts: Iterable[str]) -> Weights:
    """Inverse document frequency of every word of `texts`: rare words weigh more."""
    documents = [_words(t) for t in texts]
    counts = Counter(w for d in documents for w in d)
    return {w: math.log(1 + len(documents) / n) for w, n in counts.items()}


def similarity(title: str, summary: str, weight: Weights | None = None) -> float:
    """max(coverage of the title's words by the summary, Dice overlap), both weighted; 0..1."""
    x, y = _words(title), _words(summary)
    if not x or not y:
        return 0.0
    weight = weight or weights([title, summary])

    def mass(words: set[str]) -> float:
        return sum(weight.get(w, 1.0) for w in words)

    shared = mass(x & y)
    return max(shared / mass(x), 2 * shared / (mass(x) + mass(y)))


def match(candidates: Iterable[Candidate], events: Iterable[Announcement]) -> list[Match]:
    pool = sorted(events, key=lambda e: (e.start, e.end, e.summary, e.uid))
    wanted = sorted(candidates, key=lambda c: c.id)
    weight = weights([c.title for c in wanted] + [e.summary for e in pool])
    results = {c.id: _one(c, pool, weight) for c in wanted}
    # An event can confirm one candidate only: the one whose title fits it clearly best keeps it, and the
    # others look again without it; with no clear best, all of them are ambiguous.
    claims: dict[int, list[Match]] = {}
    for r in results.values():
        if r.event is not None:
            claims.setdefault(id(r.event), []).append(r)
    for claimants in claims.values():
        if len(claimants) < 2:
            continue
        claimants.sort(key=lambda r: -r.score)
        if claimants[0].score - claimants[1].score >= LEAD:
            taken = claimants[0].event
            for loser in claimants[1:]:
                results[loser.candidate.id] = _one(loser.candidate, [e for e in pool if e is not taken], weight)
        else:
            for r in claimants:
                results[r.candidate.id] = Match(r.candidate, Verdict.AMBIGUOUS, None, r.options, r.outside_window,
                                                r.score, "the same event matches another candidate too")  # fmt: skip
    return [results[c.id] for c in wanted]


def _one(candidate: Candidate, pool: Sequence[Announcement], weight: Weights) -> Match:
    wanted = next(iter(codes(candidate.code or "") or codes(candidate.id)), None)
    scored: list[tuple[float, Announcement]] = []
    for event in pool:
        named = codes(" ".join((event.summary, event.description, *event.categories)))
        if wanted and named and wanted not in named:
            continue  # about another project
        coded = bool(wanted and wanted in named)
        if not _numbers_agree(candidate.title, event.summary) or not _kinds_agree(candidate.title, event.summary):
            continue
        score = similarity(candidate.title, event.summary, weight)
        dice = _dice(_words(candidate.title), _words(event.summary), weight)
        if (coded and score >= WITH_CODE) or (not coded and dice >= WITHOUT_CODE):
            scored.append((score, event))
    if not scored:
        return Match(candidate, Verdict.UNMATCHED, reason="no event has its code and a similar title")
    inside = [(s, e) for s, e in scored if candidate.window_start <= e.start.date() <= candidate.window_end]
    chosen, outside = (inside, False) if inside else (scored, True)
    chosen.sort(key=lambda pair: -pair[0])  # stable: equal scores keep the pool's order
    if len(chosen) > 1 and chosen[0][0] - chosen[1][0] >= LEAD:
        chosen = chosen[:1]
    options = tuple(e for _, e in chosen)
    if len(chosen) > 1:
        where = "outside" if outside else "inside"
        return Match(candidate, Verdict.AMBIGUOUS, None, options, outside, max(s for s, _ in chosen),
                     f"{len(chosen)} events fit, {where} the window")  # fmt: skip
    score, event = chosen[0]
    reason = "outside its window" if outside else "inside its window"
    return Match(candidate, Verdict.MATCHED, event, options, outside, score, reason)


def _dice(x: set[str], y: set[str], weight: Weights) -> float:
    if not x or not y:
        return 0.0

    def mass(words: set[str]) -> float:
        return sum(weight.get(w, 1.0) for w in words)

    return 2 * mass(x & y) / (mass(x) + mass(y))


def _words(text: str) -> set[str]:
    return set(WORD.findall(LENGTH.sub(" ", _without_codes(text)).lower())) - STOP


def _numbers_agree(title: str, summary: str) -> bool:
    mine = {w for w in _words(title) if w.isdigit()}
    theirs = {w for w in _words(_without_codes(summary)) if w.isdigit()}
    return not mine or not theirs or mine == theirs


def _kinds_agree(title: str, summary: str) -> bool:
    """A webinar is never confirmed by a workshop's date, nor a residential by a webinar's."""
    mine, theirs = _words(title) & KINDS, _words(summary) & KINDS
    return not mine or not theirs or bool(mine & theirs)


def _without_codes(text: str) -> str:
    return CODE.sub(" ", text)
