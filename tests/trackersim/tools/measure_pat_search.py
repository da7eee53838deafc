#!/usr/bin/python3
"""Prints how long trackersim takes to seed N personal access tokens and to answer one page of the
admin token search for every sort key and filter (spec 7.2). A measurement, not a test: nothing is
asserted, and the numbers depend on the machine and its load.

    tests/trackersim/tools/measure_pat_search.py build/dev/tests/trackersim/trackersim [N]
"""
import os
import subprocess
import sys
import tempfile
import time

import requests

SEARCHES = [
    {"sortBy": key, "orderBy": order}
    for key in ("name", "createdAt", "expiringAt", "lastAccessedAt", "userKey") for order in ("asc", "desc")
] + [
    {"name": "oken-99", "sortBy": "expiringAt", "orderBy": "desc"},
    {"userKeys": ["JIRAUSER20042", "JIRAUSER29999"], "sortBy": "createdAt"},
    {"isUsed": False, "sortBy": "name", "orderBy": "desc", "page": 50},
    {"isUsed": True, "sortBy": "lastAccessedAt"},
    {"tokenCreatedDateFrom": "2020-01-01T00:00:00Z", "tokenExpiryDateTo": "2999-01-01T00:00:00Z",
     "sortBy": "userKey", "orderBy": "desc", "page": 200},
    {"lastAuthenticatedDateFrom": "2020-01-01T00:00:00Z", "sortBy": "name", "page": 900},
]


def main():
    binary = sys.argv[1]
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 100000
    with tempfile.TemporaryDirectory() as folder:
        started = time.monotonic()
        sim = subprocess.Popen([binary, "--port", "0", "--data", os.path.join(folder, "scale.db"),
                                "--seed", f"scale:{count}"], stdout=subprocess.PIPE, text=True)
        try:
            line = sim.stdout.readline()
            print(f"seeding {count} tokens and starting: {time.monotonic() - started:.2f} s")
            url = line.split()[-1] + "/rest/pat/latest/tokens/search"
            session = requests.Session()
            session.auth = ("admin", "admin")
            session.headers["Accept"] = "application/json"
            for body in SEARCHES:
                timings = []
                for _ in range(3):
                    began = time.monotonic()
                    reply = session.post(url, json=body)
                    timings.append((time.monotonic() - began) * 1000)
                page = reply.json()
                print(f"{reply.status_code} best {min(timings):6.1f} ms  worst {max(timings):6.1f} ms"
                      f"  {len(page['values']):3} of {page['totalPages']} pages  {body}")
        finally:
            sim.terminate()
            sim.wait()


if __name__ == "__main__":
    main()
