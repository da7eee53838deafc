#!/usr/bin/env python3
"""Writes the seeds of fuzz_grantcache (and its two regression inputs) from the format described
in app/services/GrantListCache.cpp, independently of GrantListCache::toBinary:

    tests/fuzz/seeds/grantcache/make_seeds.py

Seeds: an empty list, one grant of each kind, the edges of the years read (1 and 9999), unknown
kinds, damaged entries (a date tag that does not exist, an entry cut short, bytes left over, a text
length past the entry), a count larger than the entries, another format, format 1 (JSON)."""
import datetime
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
REGRESSIONS = os.path.join(HERE, "..", "..", "regressions", "grantcache")
NO_DATE, DATE, NOT_SAID = 0, 1, 2
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def text(value):
    units = value.encode("utf-16-le")
    return struct.pack("<I", len(units) // 2) + units


def millis(when):
    delta = when - EPOCH
    return (delta.days * 86400 + delta.seconds) * 1000 + delta.microseconds // 1000


def date(tag, when=None, shift_ms=0):
    """A date as the format writes it; shift_ms moves it past what Python's datetime can hold."""
    if tag != DATE:
        return bytes([tag])
    return bytes([tag]) + struct.pack("<q", millis(when) + shift_ms)


def utc(*args):
    return datetime.datetime(*args, tzinfo=datetime.timezone.utc)


def entry(kind, ident, application, description="", link="", issued=date(NO_DATE),
          expires=date(NOT_SAID), last_used=date(NOT_SAID), scopes=()):
    body = b"".join(text(t) for t in (kind, ident, application, description, link))
    body += issued + expires + last_used + struct.pack("<I", len(scopes))
    body += b"".join(text(s) for s in scopes)
    return body


def payload(entries, fmt=2, count=None):
    head = b"AccessDesk grants" + struct.pack("<II", fmt, len(entries) if count is None else count)
    return head + b"".join(struct.pack("<I", len(e)) + e for e in entries)


def write(folder, name, data):
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


pat = entry("pat", "7", "laptop-cli", issued=date(DATE, utc(2026, 1, 5, 12)),
            expires=date(DATE, utc(2026, 4, 5, 12)), last_used=date(DATE, utc(2026, 3, 1, 7, 45)))
oauth1 = entry("oauth1", "3f2a9c", "Bamboo", "Atlassian Bamboo at http://bamboo.example.test:8085",
               "http://bamboo.example.test:8085", issued=date(DATE, utc(2026, 2, 1, 9)))
oauth2 = entry("oauth2", "c0ffee00-1111-2222-3333-444455556666", "Deploy Dashboard",
               issued=date(DATE, utc(2026, 2, 20, 8, 15, 0, 250000)), expires=date(NO_DATE),
               scopes=("READ", "WRITE"))
seeds = {
    "empty.bin": payload([]),
    "one-of-each-kind.bin": payload([pat, oauth1, oauth2]),
    "year-edges.bin": payload([entry("pat", "1", "edges", issued=date(DATE, utc(1, 1, 1)),
                                     expires=date(DATE, utc(9999, 12, 31, 23, 59, 59, 999000)))]),
    "unknown-kinds.bin": payload([entry("saml", "1", "SSO"), pat, entry("", "2", "")]),
    "damaged-entries.bin": payload([
        entry("pat", "1", "tag 7", expires=bytes([7])),
        entry("pat", "2", "cut short")[:-3],
        entry("pat", "3", "left over") + b"\x01",
        text("pat") + struct.pack("<I", 500),
        b"",
        oauth2]),
    "count-too-high.bin": payload([pat], count=4000000000),
    "other-format.bin": payload([pat], fmt=3),
    "format-1.json": b'{"format":1,"grants":[{"kind":"pat","id":"7","application":"laptop-cli"}]}',
}
for name, data in seeds.items():
    write(HERE, name, data)

# Found when the list was JSON: a date in the years 1 to 9999 as written but not once in UTC. Kept
# as the same moments in milliseconds: such a date makes its entry unreadable.
os.makedirs(REGRESSIONS, exist_ok=True)
HOUR_MS = 3600 * 1000
beyond = {"year-10000-in-utc.bin": date(DATE, utc(9999, 12, 31, 23, 59, 59), HOUR_MS),
          "year-0-in-utc.bin": date(DATE, utc(1, 1, 1), -HOUR_MS)}
for name, issued in beyond.items():
    write(REGRESSIONS, name, payload([entry("pat", "1", "", issued=issued)]))
