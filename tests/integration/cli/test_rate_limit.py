"""429 pacing: a bulk revoke on a rate-limited server waits for the token bucket instead of failing,
and a 429 that says "Retry-After: 0" is retried after a floor, not at once (spec 1.7)."""
import math
import re
import time
import unittest

from clitest import OK, CliTestCase


class RateLimited(CliTestCase):
    """Jira DC's per-user token bucket: 2 requests, then one more per second."""

    SIM_ARGS = ("--rate-limit", "2,1,1")

    def refill(self):
        self.sim.control("POST", "rate-limit/reset")

    def make_pats(self, count):
        tokens = []
        for _ in range(count):
            self.refill()
            tokens.append(self.create_pat("alice"))
        self.refill()
        return tokens

    def server_pat_ids(self):
        self.refill()
        return self.pat_ids("alice")

    def test_bulk_revoke_of_three_pats_waits_for_the_bucket(self):
        tokens = self.make_pats(3)
        run = self.alice("tokens", "revoke", *[f"pat:{t['id']}" for t in tokens], "--yes", "--format", "json")
        self.assertExit(run, OK)
        self.assertTrue(all(r["revoked"] for r in run.json()), run.stdout)
        self.assertFalse({t["id"] for t in tokens} & self.server_pat_ids())

    def test_pat_revoke_of_three_waits_for_the_bucket(self):
        tokens = self.make_pats(3)
        run = self.alice("pat", "revoke", *[t["id"] for t in tokens], "--yes")
        self.assertExit(run, OK)
        self.assertFalse({t["id"] for t in tokens} & self.server_pat_ids())

    def test_revokes_that_are_not_retried_are_paced_too(self):
        # The OAuth 2.0 revoke is a POST, which is never retried: only pacing keeps it from a 429.
        grants = {g["application"]: g["id"] for g in
                  self.ok_json(self.alice("tokens", "list", "--format", "json"))}
        self.refill()
        chosen = [grants["ci-pipeline"], grants["laptop-cli"], grants["Deploy Dashboard"]]
        run = self.alice("tokens", "revoke", *chosen, "--yes")
        self.assertExit(run, OK)
        self.refill()
        left = {g["id"] for g in self.ok_json(self.alice("tokens", "list", "--format", "json"))}
        self.assertFalse(left & set(chosen))


class RateLimitedInventory(CliTestCase):
    """A token search keeps the next page's request ahead, so two requests can be under way when
    the bucket runs out: the pacer counts both, and none meets a 429."""

    SIM_ARGS = ("--seed", "scale:3000", "--rate-limit", "2,1,1")

    def test_a_search_kept_a_page_ahead_meets_no_429(self):
        run = self.as_user("admin", "admin-pats", "search", "--format", "json",
                           env={"QT_LOGGING_RULES": "accessdesk.api.debug=true;accessdesk.api.info=true"})
        tokens = self.ok_json(run)
        self.assertGreater(len(tokens), 3000)
        self.assertEqual(len(tokens), len({t["id"] for t in tokens}))
        searches = re.findall(r'"POST" "[^"]*/tokens/search" attempt', run.stderr)
        self.assertEqual(len(searches), math.ceil(len(tokens) / 1000), run.stderr)
        self.assertNotIn("429", run.stderr)


class RetryAfterZero(CliTestCase):

    def assertFaultUsed(self):
        self.assertEqual(self.sim.control("GET", "faults"), [], "the 429 was never sent")

    def test_429_with_retry_after_zero_is_retried_after_a_floor(self):
        token = self.create_pat("alice")
        self.sim.add_fault(method="DELETE", path=f"/rest/pat/latest/tokens/{token['id']}", status=429,
                           contentType="application/json", body='{"message":"Rate limit exceeded."}',
                           headers={"Retry-After": "0", "X-RateLimit-Remaining": "0"}, times=1)
        started = time.monotonic()
        run = self.alice("pat", "revoke", token["id"], "--yes")
        elapsed = time.monotonic() - started
        self.assertExit(run, OK)
        self.assertFaultUsed()
        self.assertNotIn(token["id"], self.pat_ids("alice"))
        # A lower bound only (it cannot fail on a slow machine): "Retry-After: 0" must not mean
        # "hammer the server again at once". The client's floor is one second.
        self.assertGreaterEqual(elapsed, 0.9, "retried without waiting for the floor")

    def test_429_with_an_html_body_on_a_listing_is_retried(self):
        # Without Accept: application/json Jira answers 429 with a servlet error page.
        self.sim.add_fault(method="GET", path="/rest/pat/latest/tokens", status=429, contentType="text/html",
                           body="<html><body><h1>HTTP Status 429 - Too Many Requests</h1></body></html>",
                           headers={"Retry-After": "0"}, times=1)
        names = {t["name"] for t in self.ok_json(self.alice("pat", "list", "--format", "json"))}
        self.assertFaultUsed()
        self.assertIn("ci-pipeline", names)


if __name__ == "__main__":
    unittest.main()
