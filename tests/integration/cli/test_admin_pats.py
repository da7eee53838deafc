"""admin-pats: a system administrator searches every user's personal access tokens, revokes some by id,
and sweeps stale ones by a rule (issue 8, sections 4 and 5) — against a real trackersim with 3,000
extra tokens. What the server holds is counted independently, with plain `requests` against the REST
API and the rules written out again here in Python."""
import csv
import datetime
import io
import json
import os
import re
import stat

import requests

from clitest import AUTH, OK, PARTIAL, USAGE, CliTestCase

SEARCH = "/rest/pat/latest/tokens/search"
REVOKE = "/rest/pat/latest/admin/tokens"
SHAPE = {"id", "name", "owner", "createdAt", "expiresAt", "lastUsedAt"}
ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
DAY = datetime.timedelta(days=1)


def when(text):
    """A RestToken date ("2025-05-02T09:15:30.123+00:00"), or None; 9999 is Jira's "never"."""
    if not text:
        return None
    moment = datetime.datetime.fromisoformat(text)
    return None if moment.year == 9999 else moment


def owner_of(token):
    return (token.get("userProfileResource") or {}).get("username")


def list_tokens(url):
    with requests.Session() as session:
        session.auth = ("admin", "admin")
        session.headers.update({"Accept": "application/json", "User-Agent": "accessdesk-cli-tests/1.0"})
        tokens, page = [], 0
        while True:
            reply = session.post(url + SEARCH, json={"page": page, "limit": 1000})
            if reply.status_code != 200:
                raise AssertionError(f"the server's own search failed: {reply.status_code} {reply.text}")
            body = reply.json()
            tokens += body["values"]
            if body["isLastPage"]:
                return tokens
            page += 1


class AdminPatsCase(CliTestCase):
    """Helpers shared by the classes below: the admin's CLI and the server's own view."""

    def admin(self, *args, **kwargs):
        return self.as_user("admin", *args, **kwargs)

    def server_tokens(self):
        """Every token the server lists, page by page, as a plain REST client reads them."""
        return list_tokens(self.url)

    def server_ids(self):
        return {t["id"] for t in self.server_tokens()}

    def search_json(self, *args):
        return self.ok_json(self.admin("admin-pats", "search", *args, "--format", "json"))

    def activity(self):
        return self.ok_json(self.cli("activity", "list", "--format", "json"))


class Search(AdminPatsCase):
    """Nothing here changes the server (a refused or dry-run sweep included): one sim for all."""

    SIM_ARGS = ("--seed", "scale:3000")

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.now = datetime.datetime.now(datetime.timezone.utc)
        cls.tokens = list_tokens(cls.url)  # read once: nothing here changes them

    def expect(self, predicate):
        return {t["id"] for t in self.tokens if predicate(t)}

    def assertSearchFinds(self, args, predicate):
        found = self.search_json(*args)
        self.assertEqual(len(found), len({t["id"] for t in found}), "a token is listed twice")
        expected = self.expect(predicate)
        self.assertTrue(expected, "the seed has no such token: the test would prove nothing")
        self.assertEqual({t["id"] for t in found}, expected)
        return found

    def test_search_lists_every_token_in_the_documented_shape(self):
        found = self.search_json()
        self.assertEqual(len(found), 3004)  # the 3,000 and the demo's four
        self.assertEqual({t["id"] for t in found}, self.expect(lambda t: True))
        by_id = {t["id"]: t for t in self.tokens}
        for token in found:
            self.assertEqual(set(token), SHAPE)
            self.assertEqual(token["owner"], owner_of(by_id[token["id"]]))
            self.assertEqual(token["name"], by_id[token["id"]]["name"])
            for field in ("createdAt", "expiresAt", "lastUsedAt"):
                self.assertTrue(token[field] is None or ISO_UTC.match(token[field]), token)
        never_expiring = [t for t in found if t["expiresAt"] is None]
        self.assertTrue(never_expiring, "the 9999-12-31 sentinel must read as null")

    def test_never_used(self):
        self.assertSearchFinds(["--never-used"], lambda t: not t.get("lastAccessedAt"))

    def test_expired(self):
        self.assertSearchFinds(
            ["--expired"], lambda t: when(t["expiringAt"]) is not None and when(t["expiringAt"]) <= self.now)

    def test_unused_for_30_days(self):
        threshold = self.now - 30 * DAY

        def stale(t):
            used = when(t.get("lastAccessedAt"))
            return used < threshold if used else when(t["createdAt"]) < threshold
        self.assertSearchFinds(["--unused-days", 30], stale)

    def test_expiring_within_10_days(self):
        def soon(t):
            expiry = when(t["expiringAt"])
            return expiry is not None and self.now < expiry <= self.now + 10 * DAY
        self.assertSearchFinds(["--expiring-days", 10], soon)

    def test_rules_and_filters_combine(self):
        self.assertSearchFinds(["--never-used", "--expired", "--owner", "user01", "--name", "TOKEN-1"],
                               lambda t: not t.get("lastAccessedAt") and when(t["expiringAt"]) is not None
                               and when(t["expiringAt"]) <= self.now and "user01" in owner_of(t)
                               and "token-1" in t["name"])

    def test_owner_by_user_name_or_part_of_it(self):
        found = self.assertSearchFinds(["--owner", "bob"], lambda t: owner_of(t) == "bob")
        self.assertEqual(sorted(t["name"] for t in found), ["old-import", "reporting"])
        # No user is called "user000": every user whose name holds it (user0001 … user0009).
        self.assertSearchFinds(["--owner", "user000"], lambda t: "user000" in owner_of(t))

    def test_an_owner_nobody_matches_is_not_an_empty_success(self):
        run = self.admin("admin-pats", "search", "--owner", "no-such-person", "--format", "json")
        self.assertFailsPlainly(run, USAGE)
        self.assertIn("no user matches", run.stderr)

    def test_table_and_csv(self):
        table = self.admin("admin-pats", "search", "--owner", "alice")
        self.assertExit(table, OK)
        lines = table.stdout.splitlines()
        self.assertEqual(lines[0].split(), ["id", "name", "owner", "created", "expires", "last", "used"])
        self.assertEqual(len(lines), 3)
        self.assertIn("ci-pipeline", table.stdout)
        self.assertIn("never", table.stdout)
        rows = list(csv.reader(io.StringIO(self.admin("admin-pats", "search", "--never-used", "--format",
                                                      "csv").stdout)))
        self.assertEqual(rows[0], ["id", "name", "owner", "created", "expires", "last used"])
        self.assertEqual(len(rows) - 1, len(self.expect(lambda t: not t.get("lastAccessedAt"))))
        empty = self.admin("admin-pats", "search", "--name", "no token is called this")
        self.assertExit(empty, OK)
        self.assertIn("No personal access token matches", empty.stdout)
        self.assertEqual(self.search_json("--name", "no token is called this"), [])

    def test_dry_run_lists_the_matches_and_changes_nothing(self):
        before = self.expect(lambda t: True)
        dry = self.ok_json(self.admin("admin-pats", "sweep", "--never-used", "--dry-run", "--format", "json"))
        self.assertEqual({t["id"] for t in dry}, self.expect(lambda t: not t.get("lastAccessedAt")))
        self.assertEqual(dry, self.search_json("--never-used"))
        self.assertTrue(all(set(t) == SHAPE for t in dry))
        self.assertEqual(self.server_ids(), before)
        self.assertEqual(self.activity(), [])

    def test_a_confirmation_is_needed_and_names_what_goes(self):
        before = self.expect(lambda t: True)
        refused = self.admin("admin-pats", "sweep", "--expiring-days", "30")
        self.assertFailsPlainly(refused, USAGE)
        self.assertIn("--yes", refused.stderr)
        answered_no = self.cli_in_terminal("--server", self.url, "--user", "admin", "--password-env",
                                           "ACCESSDESK_TEST_PASSWORD", "admin-pats", "sweep", "--expiring-days",
                                           "30", answer="n\n", env={"ACCESSDESK_TEST_PASSWORD": "admin"})
        self.assertExit(answered_no, USAGE)
        self.assertRegex(answered_no.stderr, r"Revoke \d+ personal access tokens that are expiring within 30")
        self.assertRegex(answered_no.stderr, r"personal access token “[^”]+” \(pat:\d+\) of \w+")
        self.assertIn("and ", answered_no.stderr)  # more than the five named
        self.assertIn("will be refused", answered_no.stderr)
        self.assertEqual(self.server_ids(), before)
        self.assertEqual(self.activity(), [])

    def test_a_non_administrator_is_refused_with_3(self):
        for args in (["search"], ["sweep", "--expired", "--dry-run"], ["sweep", "--expired", "--yes"],
                     ["revoke", "1", "--yes"]):
            run = self.alice("admin-pats", *args, "--format", "json")
            self.assertFailsPlainly(run, AUTH)
            self.assertIn("only Jira system administrators", run.stderr)
        self.assertEqual(len(self.server_tokens()), 3004)

    def test_usage_errors_change_nothing(self):
        for args in (["sweep"], ["sweep", "--expired", "--never-used"], ["sweep", "--expired", "--dry-run",
                                                                          "--receipt", "r.csv"],
                     ["search", "--dry-run"], ["search", "--unused-days", "0"],
                     ["search", "--expiring-days", "x"], ["revoke", "abc"], ["revoke", "1", "--expired"],
                     ["revoke"], ["list"],
                     ["sweep", "--expired", "--yes", "--receipt", os.path.join(self.home, "no", "such.csv")]):
            run = self.admin("admin-pats", *args, "--yes")
            self.assertFailsPlainly(run, USAGE)
        self.assertEqual(len(self.server_tokens()), 3004)
        self.assertEqual(self.activity(), [])


class Sweep(AdminPatsCase):
    SIM_ARGS = ("--seed", "scale:3000")
    SIM_PER_TEST = True

    def never_used_ids(self):
        ids = {t["id"] for t in self.server_tokens() if not t.get("lastAccessedAt")}
        self.assertEqual(len(ids), 1002)
        return ids

    def read_receipt(self, path):
        mode = stat.S_IMODE(os.stat(path).st_mode)
        self.assertEqual(mode, 0o600, f"the receipt is {oct(mode)}")
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.reader(f))
        self.assertEqual(rows[0], ["id", "name", "owner", "created", "expires", "last used", "outcome", "error"])
        return {int(row[0]): dict(zip(rows[0], row)) for row in rows[1:]}

    def test_sweep_never_used_revokes_exactly_those(self):
        never_used = self.never_used_ids()
        others = self.server_ids() - never_used
        by_id = {t["id"]: t for t in self.server_tokens()}
        receipt = os.path.join(self.home, "receipt.csv")
        with open(receipt, "w") as f:  # an earlier receipt, readable by all: replaced, and 0600
            f.write("old")
        os.chmod(receipt, 0o644)

        run = self.admin("admin-pats", "sweep", "--never-used", "--yes", "--receipt", receipt, "--format", "json")
        outcome = self.ok_json(run)
        self.assertEqual({t["id"] for t in outcome}, never_used)
        self.assertTrue(all(t["outcome"] == "revoked" and t["error"] is None for t in outcome), run.stdout[:500])
        self.assertIn("revoked 1002 of 1002", run.stderr)
        self.assertEqual(self.server_ids(), others)

        rows = self.read_receipt(receipt)
        self.assertEqual(set(rows), never_used)
        for token_id, row in rows.items():
            token = by_id[token_id]
            self.assertEqual((row["outcome"], row["error"], row["last used"]), ("revoked", "", ""))
            self.assertEqual(row["name"], token["name"])
            self.assertEqual(row["owner"], owner_of(token))
            self.assertEqual(datetime.datetime.fromisoformat(row["created"].replace("Z", "+00:00")),
                             when(token["createdAt"]))

        revokes = [e for e in self.activity() if e["action"] == "admin-revoke-pat"]
        self.assertEqual(len(revokes), 1002)
        self.assertTrue(all(e["outcome"] == "succeeded" for e in revokes))
        self.assertEqual({int(re.search(r"\(pat:(\d+)\)", e["target"]).group(1)) for e in revokes}, never_used)

    def test_a_failing_batch_is_a_partial_failure_that_receipt_and_log_name(self):
        never_used = self.never_used_ids()
        self.sim.add_fault(method="DELETE", path=REVOKE, status=500, contentType="application/json",
                           body='{"exception":"java.lang.IllegalStateException","error":"database busy"}',
                           times=1)
        receipt = os.path.join(self.home, "partial.csv")
        run = self.admin("admin-pats", "sweep", "--never-used", "--yes", "--receipt", receipt, "--format", "json")
        self.assertExit(run, PARTIAL)
        outcome = {t["id"]: t for t in run.json()}
        failed = {i for i, t in outcome.items() if t["outcome"] != "revoked"}
        self.assertEqual(len(failed), 100)  # one batch
        self.assertTrue(all(outcome[i]["outcome"] == "not-revoked" and "database busy" in outcome[i]["error"]
                            for i in failed))
        self.assertEqual(self.server_ids() & never_used, failed)  # exactly those are still there
        for token_id in failed:
            self.assertIn(f"(pat:{token_id})", run.stderr)
        self.assertIn("revoked 902 of 1002", run.stderr)

        rows = self.read_receipt(receipt)
        self.assertEqual({i for i, row in rows.items() if row["outcome"] == "not-revoked"}, failed)
        self.assertTrue(all("database busy" in rows[i]["error"] for i in failed))
        self.assertEqual({i for i, row in rows.items() if row["outcome"] == "revoked"}, never_used - failed)

        log = {int(re.search(r"\(pat:(\d+)\)", e["target"]).group(1)): e for e in self.activity()}
        self.assertEqual({i for i, e in log.items() if e["outcome"] == "failed"}, failed)
        self.assertTrue(all("database busy" in log[i]["error"] for i in failed))
        self.assertEqual({i for i, e in log.items() if e["outcome"] == "succeeded"}, never_used - failed)

class RevokeByIds(AdminPatsCase):
    SIM_PER_TEST = True

    def bobs_tokens(self):
        return {t["name"]: t["id"] for t in self.server_tokens() if owner_of(t) == "bob"}

    def test_revoke_asks_naming_token_and_owner_then_verifies(self):
        bob = self.bobs_tokens()
        env = {"ACCESSDESK_TEST_PASSWORD": "admin"}
        args = ("--server", self.url, "--user", "admin", "--password-env", "ACCESSDESK_TEST_PASSWORD",
                "admin-pats", "revoke", bob["reporting"], f"pat:{bob['old-import']}", "--format", "json")
        no = self.cli_in_terminal(*args, answer="n\n", env=env)
        self.assertExit(no, USAGE)
        self.assertIn(f"personal access token “reporting” (pat:{bob['reporting']}) of bob", no.stderr)
        self.assertIn(f"“old-import” (pat:{bob['old-import']}) of bob", no.stderr)
        self.assertIn("Scripts and tools that use them will be refused", no.stderr)
        self.assertEqual(len(self.bobs_tokens()), 2)

        yes = self.cli_in_terminal(*args, answer="y\n", env=env)
        self.assertExit(yes, OK)
        self.assertEqual([(t["id"], t["owner"], t["outcome"]) for t in json.loads(yes.stdout)],
                         [(bob["reporting"], "bob", "revoked"), (bob["old-import"], "bob", "revoked")])
        self.assertEqual(self.bobs_tokens(), {})
        self.assertEqual([e["outcome"] for e in self.activity()], ["succeeded", "succeeded"])

    def test_unknown_ids_revoke_nothing(self):
        before = self.server_ids()
        run = self.admin("admin-pats", "revoke", min(before), "999999999999", "--yes")
        self.assertFailsPlainly(run, USAGE)
        self.assertIn("999999999999", run.stderr)
        self.assertEqual(self.server_ids(), before)

    def test_all_refused_but_still_listed_is_6(self):
        """Whatever the request got, a token the server still lists is not revoked: exit 6."""
        bob = self.bobs_tokens()
        self.sim.add_fault(method="DELETE", path=REVOKE, status=500, contentType="text/html",
                           body="<html><body>System Error</body></html>")
        run = self.admin("admin-pats", "revoke", *bob.values(), "--yes", "--format", "json")
        self.assertExit(run, PARTIAL)
        self.assertEqual({t["outcome"] for t in run.json()}, {"not-revoked"})
        for token_id in bob.values():
            self.assertIn(f"(pat:{token_id}) of bob", run.stderr)
        self.assertEqual(self.bobs_tokens(), bob)
        self.assertEqual([e["outcome"] for e in self.activity()], ["failed", "failed"])

    def test_a_pretended_success_is_not_revoked_and_exits_6(self):
        """The server answers 204 but revokes nothing: the search afterwards still lists them."""
        bob = self.bobs_tokens()
        self.sim.add_fault(method="DELETE", path=REVOKE, status=204, body="")
        run = self.admin("admin-pats", "revoke", *bob.values(), "--yes", "--format", "json")
        self.assertExit(run, PARTIAL)
        self.assertEqual({t["outcome"] for t in run.json()}, {"not-revoked"})
        self.assertTrue(all("still lists the token" in t["error"] for t in run.json()))
        for token_id in bob.values():
            self.assertIn(f"not-revoked: personal access token", run.stderr)
            self.assertIn(f"(pat:{token_id}) of bob", run.stderr)
        self.assertIn("revoked 0 of 2 tokens; 2 not-revoked", run.stderr)
        self.sim.clear_faults()
        self.assertEqual(self.bobs_tokens(), bob)
        self.assertEqual([e["outcome"] for e in self.activity()], ["failed", "failed"])

    def test_a_lost_answer_with_no_check_possible_is_unknown_and_exits_6(self):
        """The revoke's answer is lost to a timeout and the check afterwards is refused: unknown."""
        bob = self.bobs_tokens()
        self.sim.add_fault(method="POST", path=SEARCH, action="latency", delayMs=0, times=1)
        self.sim.add_fault(method="POST", path=SEARCH, status=500, contentType="application/json",
                           body='{"message":"broken"}', times=1)
        self.sim.add_fault(method="DELETE", path=REVOKE, action="latency", delayMs=2500, times=1)
        run = self.admin("admin-pats", "revoke", *bob.values(), "--yes", "--timeout", "1", "--format", "json")
        self.assertExit(run, PARTIAL)
        self.assertEqual({t["outcome"] for t in run.json()}, {"unknown"})
        self.assertEqual([e["outcome"] for e in self.activity()], ["unknown", "unknown"])

    def test_an_answer_lost_after_the_server_acted_is_resolved_by_verification(self):
        """The revoke is carried out but its answer never reaches the CLI (it gives up after one
        second; the server acts after two). The check afterwards, held back by a 503 with Retry-After,
        then finds the tokens gone: revoked, although the request itself timed out."""
        bob = self.bobs_tokens()
        # Faults apply in the order added: the first search (finding the ids) passes untouched, the
        # verifying search meets the 503 once and retries after three seconds.
        self.sim.add_fault(method="POST", path=SEARCH, action="latency", delayMs=0, times=1)
        self.sim.add_fault(method="POST", path=SEARCH, status=503, contentType="application/json",
                           body='{"message":"busy"}', headers={"Retry-After": "3"}, times=1)
        self.sim.add_fault(method="DELETE", path=REVOKE, action="latency", delayMs=2000, times=1)
        run = self.admin("admin-pats", "revoke", *bob.values(), "--yes", "--timeout", "1", "--format", "json")
        self.assertExit(run, OK)
        self.assertEqual(self.sim.control("GET", "faults"), [], "a fault was not reached")
        self.assertEqual({t["outcome"] for t in run.json()}, {"revoked"})
        self.assertEqual(self.bobs_tokens(), {})
        self.assertEqual([e["outcome"] for e in self.activity()], ["succeeded", "succeeded"])


class RateLimited(AdminPatsCase):
    """Jira DC's per-user token bucket (2 requests, then one a second): the sweep waits, never fails."""

    SIM_ARGS = ("--seed", "scale:300", "--rate-limit", "2,1,1")

    def test_sweep_completes_within_the_limit(self):
        self.sim.control("POST", "rate-limit/reset")
        never_used = {t["id"] for t in self.server_tokens() if not t.get("lastAccessedAt")}
        self.assertGreater(len(never_used), 100)  # more than one batch
        self.sim.control("POST", "rate-limit/reset")
        run = self.admin("admin-pats", "sweep", "--never-used", "--yes", "--format", "json")
        self.assertExit(run, OK)
        self.assertEqual({t["id"] for t in run.json() if t["outcome"] == "revoked"}, never_used)
        self.assertEqual(len(run.json()), len(never_used))
        self.sim.control("POST", "rate-limit/reset")
        self.assertFalse(self.server_ids() & never_used)


if __name__ == "__main__":
    import unittest
    unittest.main()
