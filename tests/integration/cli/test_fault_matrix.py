"""The fault matrix of issue 11, section 2, for accessdesk-cli: one read (`tokens list`) and one
write (`pat revoke ID`) through every fault trackersim can inject, a 500-token sweep whose server is
killed and restarted half-way, a changed certificate, a keychain that is absent or locked, an
activity log that is read-only, locked or corrupt, and a full disk under an export.

Each case checks what a script and its user get: the documented exit code, plain words on stderr
(no stack trace, no HTML, no secret), no hang (every run has a subprocess timeout), an activity log
that claims nothing it does not know, and, once the fault is gone, the same state as the server's.

What other files already cover is not repeated here: test_exit_codes.py (refused connection, stall,
reset and 500/malformed on probe, one transient 503), test_rate_limit.py (pacing, one 429 with
Retry-After: 0), test_tokens.py/test_admin_pats.py (pretended successes, lost answers decided by the
check), test_tls.py (a changed certificate on a read), test_profiles.py (profiles add without a
keychain), test_activity.py (a CLI killed mid-way)."""
import concurrent.futures
import os
import signal
import sqlite3
import subprocess
import tempfile
import time
import unittest

from clitest import AUTH, NETWORK, OK, PARTIAL, PASSWORD_VAR, SERVER, USAGE, CliTestCase, Sim, unique
from test_admin_pats import REVOKE, list_tokens

TOKEN_VAR = "ACCESSDESK_TEST_FAULT_TOKEN"
TOKENS = "/rest/pat/latest/tokens"
JSON = "application/json"

# What a proxy in front of Jira answers when its own session has expired: a login form with 200.
PROXY_LOGIN = ("<!DOCTYPE html><html><head><title>Sign in - Corporate Access Gateway</title></head>"
               "<body><form method=post action=/gateway/login><input name=username>"
               "<input type=password name=password><button>Sign in</button></form></body></html>")
# Jira's own "Administrator Access" page (secure administrator sessions), as a browser gets it.
WEBSUDO_PAGE = ("<html><head><title>Administrator Access - Jira</title>"
                "<meta name=\"decorator\" content=\"login\"></head><body id=\"jira\">"
                "<form action=\"/secure/admin/WebSudoAuthenticate.jspa\" method=\"post\">"
                "<h1>Administrator Access</h1><p>You have requested access to an administrative "
                "function in Jira and are required to validate your credentials below.</p>"
                "<input type=\"password\" name=\"webSudoPassword\"></form></body></html>")

# Every status the spec lists for these resources (sections 1.4-1.7 and 7.1), with the body shape
# Jira sends and the exit code the README gives for a read that meets it. 502-504 and 429 are
# retried (with Retry-After: 0 the CLI still waits its one-second floor) before they count.
STATUSES = [
    (400, JSON, '{"errorMessages":["Invalid request"],"errors":{}}', {}, SERVER),
    (401, JSON, '{"message":"Client must be authenticated to access this resource.","status-code":401}',
     {}, AUTH),
    (403, "text/plain", "XSRF check failed", {}, AUTH),
    # A Jira without personal access tokens (before 8.14) answers 404 here: `tokens list` then
    # lists the other grants (test_tokens.py); `pat list` is the read that must fail.
    (404, JSON, "", {}, SERVER),
    (409, JSON, '{"errorMessages":["Conflict"],"errors":{}}', {}, SERVER),
    (429, JSON, '{"message":"Rate limit exceeded."}', {"Retry-After": "0", "X-RateLimit-Remaining": "0"},
     SERVER),
    (500, "text/html", "<html><body><h1>System Error</h1><p>A system error has occurred.</p></body></html>",
     {}, SERVER),
    (502, "text/html", "<html><body><h1>502 Bad Gateway</h1><hr>nginx</body></html>", {"Retry-After": "0"},
     SERVER),
    (503, "text/html", "<html><body><h1>503 Service Unavailable</h1></body></html>", {"Retry-After": "0"},
     SERVER),
    (504, "text/html", "<html><body><h1>504 Gateway Time-out</h1></body></html>", {"Retry-After": "0"},
     SERVER),
]

# A CLI run never takes longer than this: a hang fails the test instead of stalling CI.
NO_HANG = 30


class FaultCase(CliTestCase):
    """Helpers: alice through a personal access token (a real secret to look for in the output)."""

    token = None

    def setUp(self):
        super().setUp()
        if self.sim and type(self).token is None:
            type(self).token = self.create_pat("alice", name="fault-matrix-login")["rawToken"]

    def secret(self):
        return type(self).token

    def alice_pat(self, *args, timeout=NO_HANG):
        return self.cli("--server", self.url, "--auth", "pat", "--token-env", TOKEN_VAR, *args,
                        env={TOKEN_VAR: self.secret()}, timeout=timeout)

    def activity(self):
        return self.ok_json(self.cli("activity", "list", "--format", "json", timeout=NO_HANG))

    def assertPlainFailure(self, run, code, stdout_empty=True):
        """The documented code, a short message in plain words, nothing a person cannot use."""
        self.assertExit(run, code)
        lines = run.stderr.strip().splitlines()
        self.assertTrue(lines, f"no message on stderr\n{run}")
        self.assertTrue(lines[0].startswith("accessdesk-cli: "), f"not the CLI's own words\n{run}")
        self.assertLessEqual(len(lines), 4, f"a message, not a dump\n{run}")
        for line in lines:
            self.assertLess(len(line), 400, f"a message, not a dump\n{run}")
        lowered = run.stderr.lower()
        for junk in ("<html", "<!doctype", "<body", "<form", "traceback", "terminate called",
                     "segmentation", "qiodevice", "qnetworkreply", "qsqlquery", "qt."):
            self.assertNotIn(junk, lowered, f"raw or internal text on stderr\n{run}")
        if self.token:
            self.assertNotIn(self.token, run.stderr + run.stdout, "the secret is in the output")
        if stdout_empty:
            self.assertEqual(run.stdout.strip(), "", f"stdout must stay clean on failure\n{run}")


class ReadAndWrite(FaultCase):
    """Every network fault on the read (GET /rest/pat/latest/tokens, under `tokens list`) and on the
    write (DELETE /rest/pat/latest/tokens/ID, under `pat revoke`). One trackersim for all."""

    def read(self, timeout="5", command="tokens"):
        return self.alice_pat(command, "list", "--format", "json", "--timeout", timeout)

    def fault_on_read(self, **fault):
        self.sim.add_fault(method="GET", path=TOKENS, **fault)

    def assertReadRecovers(self):
        self.sim.clear_faults()
        listed = {g["id"] for g in self.ok_json(self.read()) if g["kind"] == "pat"}
        self.assertEqual(listed, {f"pat:{i}" for i in self.pat_ids("alice")})

    # --- the read ---

    def test_read_latency_past_the_timeout(self):
        self.fault_on_read(action="latency", delayMs=2500)
        started = time.monotonic()
        run = self.read(timeout="1")
        self.assertPlainFailure(run, NETWORK)
        self.assertIn("time", run.stderr)
        # A read that timed out is not sent again and again: one timeout is the answer.
        self.assertLess(time.monotonic() - started, 8)
        self.assertReadRecovers()

    def test_read_reset_before_the_answer(self):
        self.fault_on_read(action="reset")
        self.assertPlainFailure(self.read(), NETWORK)
        self.assertReadRecovers()

    def test_read_reset_mid_body(self):
        self.fault_on_read(action="truncate")
        self.assertPlainFailure(self.read(), NETWORK)
        self.assertReadRecovers()

    def test_read_truncated_json(self):
        self.fault_on_read(status=200, contentType=JSON, body='[{"id": 1, "name": "ci-pi')
        self.assertPlainFailure(self.read(), SERVER)
        self.assertReadRecovers()

    def test_read_malformed_json(self):
        self.fault_on_read(action="malformed")
        self.assertPlainFailure(self.read(), SERVER)
        self.assertReadRecovers()

    def test_read_answered_by_a_proxy_login_page(self):
        self.fault_on_read(status=200, contentType="text/html;charset=UTF-8", body=PROXY_LOGIN)
        run = self.read()
        self.assertPlainFailure(run, SERVER)
        self.assertIn("HTML page where JSON was expected", run.stderr)
        self.assertReadRecovers()

    def test_read_answered_by_the_websudo_page(self):
        self.fault_on_read(status=200, contentType="text/html;charset=UTF-8", body=WEBSUDO_PAGE)
        run = self.read()
        self.assertPlainFailure(run, SERVER)
        self.assertIn("HTML page where JSON was expected", run.stderr)
        self.assertReadRecovers()

    def test_read_every_status_of_the_spec(self):
        for status, content_type, body, headers, code in STATUSES:
            with self.subTest(status=status):
                self.sim.clear_faults()
                self.fault_on_read(status=status, contentType=content_type, body=body, headers=headers)
                run = self.read(command="pat" if status == 404 else "tokens")
                self.assertPlainFailure(run, code)
                if status >= 500:
                    self.assertIn(str(status), run.stderr)
        self.assertReadRecovers()

    # --- the write ---

    def revoke(self, token_id, timeout="5"):
        return self.alice_pat("pat", "revoke", token_id, "--yes", "--format", "json", "--timeout", timeout)

    def fault_on_write(self, token_id, **fault):
        self.sim.add_fault(method="DELETE", path=f"{TOKENS}/{token_id}", **fault)

    def log_of(self, token_id):
        entries = [e for e in self.activity() if str(token_id) in e["target"]]
        self.assertEqual(len(entries), 1, entries)
        return entries[0]

    def assertNotRevokedAndTrue(self, run, token_id, outcomes=("not-revoked",)):
        """A revoke the fault kept from happening: exit 6, the JSON and the log say so."""
        self.assertPlainFailure(run, PARTIAL, stdout_empty=False)
        [result] = run.json()
        self.assertIn(result["outcome"], outcomes, result)
        self.assertIn(token_id, self.pat_ids("alice"), "the fault let the revoke through")
        self.assertIn(self.log_of(token_id)["outcome"], {"failed", "unknown"})

    def assertWriteRecovers(self, token_id):
        self.sim.clear_faults()
        [result] = self.ok_json(self.revoke(token_id))
        self.assertEqual(result["outcome"], "revoked")
        self.assertNotIn(token_id, self.pat_ids("alice"))
        listed = {g["id"] for g in self.ok_json(self.read()) if g["kind"] == "pat"}
        self.assertEqual(listed, {f"pat:{i}" for i in self.pat_ids("alice")})

    def test_write_latency_past_the_timeout(self):
        """The server acts after the CLI has given up: when the check afterwards still lists the
        token, the request may still be under way, so the outcome is unknown, not "not revoked"."""
        token_id = self.create_pat("alice")["id"]
        self.fault_on_write(token_id, action="latency", delayMs=2000, times=1)
        run = self.revoke(token_id, timeout="1")
        self.assertPlainFailure(run, PARTIAL, stdout_empty=False)
        [result] = run.json()
        self.assertEqual(result["outcome"], "unknown", result)
        self.assertEqual(self.log_of(token_id)["outcome"], "unknown")
        deadline = time.monotonic() + 10
        while token_id in self.pat_ids("alice") and time.monotonic() < deadline:
            time.sleep(0.1)
        self.assertNotIn(token_id, self.pat_ids("alice"), "the server did revoke it after all")
        listed = {g["id"] for g in self.ok_json(self.read()) if g["kind"] == "pat"}
        self.assertEqual(listed, {f"pat:{i}" for i in self.pat_ids("alice")})

    def test_write_reset_before_the_answer(self):
        token_id = self.create_pat("alice")["id"]
        self.fault_on_write(token_id, action="reset")
        self.assertNotRevokedAndTrue(self.revoke(token_id), token_id)
        self.assertWriteRecovers(token_id)

    def test_write_reset_mid_body(self):
        # Truncate lets the server act, then cuts its answer: the check afterwards decides.
        token_id = self.create_pat("alice")["id"]
        self.fault_on_write(token_id, action="truncate")
        run = self.revoke(token_id)
        [result] = self.ok_json(run)
        self.assertEqual(result["outcome"], "revoked")
        self.assertNotIn(token_id, self.pat_ids("alice"))
        self.assertEqual(self.log_of(token_id)["outcome"], "succeeded")

    def test_write_truncated_and_malformed_json(self):
        for fault in ({"status": 200, "contentType": JSON, "body": '{"errorMessages":["ok'},
                      {"action": "malformed"}):
            with self.subTest(fault=fault):
                token_id = self.create_pat("alice")["id"]
                self.fault_on_write(token_id, **fault)
                run = self.revoke(token_id)
                # A 200 with a broken body or the real answer broken: the check decides.
                [result] = run.json()
                listed = token_id in self.pat_ids("alice")
                self.assertEqual(result["outcome"] == "revoked", not listed, result)
                self.assertExit(run, PARTIAL if listed else OK)
                self.assertEqual(self.log_of(token_id)["outcome"], "failed" if listed else "succeeded")
                if listed:
                    self.assertWriteRecovers(token_id)

    def test_write_answered_by_html_pages(self):
        for page in (PROXY_LOGIN, WEBSUDO_PAGE):
            with self.subTest(page=page[:40]):
                token_id = self.create_pat("alice")["id"]
                self.fault_on_write(token_id, status=200, contentType="text/html", body=page)
                run = self.revoke(token_id)
                self.assertNotRevokedAndTrue(run, token_id)
                self.assertNotIn("<", run.json()[0]["error"] or "")
                self.assertWriteRecovers(token_id)

    def test_write_every_status_of_the_spec(self):
        """Each status on its own token, five at once (the retried ones wait their floor; Jira
        allows a user ten tokens)."""
        for wave in (STATUSES[:5], STATUSES[5:]):
            tokens = {status: self.create_pat("alice")["id"] for status, *_ in wave}
            for status, content_type, body, headers, _ in wave:
                self.fault_on_write(tokens[status], status=status, contentType=content_type, body=body,
                                    headers=headers)
            with concurrent.futures.ThreadPoolExecutor(len(tokens)) as pool:
                runs = dict(zip(tokens, pool.map(self.revoke, tokens.values())))
            for status, run in runs.items():
                with self.subTest(status=status):
                    self.assertNotRevokedAndTrue(run, tokens[status])
                    if status >= 500:
                        self.assertIn(str(status), run.json()[0]["error"])
            self.sim.clear_faults()
            for token_id in tokens.values():
                self.assertWriteRecovers(token_id)

    def test_429_storm_with_retry_after_0(self):
        """Every request answered 429 with Retry-After: 0 (read and write at once): the CLI backs
        off at its floor, gives up after its attempts with a plain message, and hammers nobody."""
        token_id = self.create_pat("alice")["id"]
        self.sim.add_fault(path="/rest/*", status=429, contentType=JSON, body='{"message":"Rate limit exceeded."}',
                           headers={"Retry-After": "0", "X-RateLimit-Remaining": "0"})
        started = time.monotonic()
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            read, write = pool.map(lambda f: f(), (self.read, lambda: self.revoke(token_id)))
        elapsed = time.monotonic() - started
        self.assertPlainFailure(read, SERVER)
        self.assertIn("limiting requests", read.stderr)
        # The write cannot even be checked afterwards: its outcome is unknown or failed, never done.
        self.assertIn(write.code, (PARTIAL, SERVER), str(write))
        self.assertPlainFailure(write, write.code, stdout_empty=False)
        self.assertGreaterEqual(elapsed, 1.9, "retried without waiting for the floor")
        self.assertNotEqual(self.log_of(token_id)["outcome"], "succeeded")
        self.assertWriteRecovers(token_id)


class ChangedCertificate(FaultCase):
    """A pinned profile whose server comes back with another certificate: a write is refused before
    anything is sent, the log claims nothing, and re-pinning recovers."""

    SIM_ARGS = None

    def test_write_against_a_changed_certificate(self):
        first = Sim("--tls")
        name = unique("pinned")
        self.assertExit(self.cli("profiles", "add", name, "--server", first.url, "--user", "alice",
                                 "--pin-sha256", first.fingerprint, timeout=NO_HANG), OK)
        env = {PASSWORD_VAR: "alice"}
        use = ("--profile", name, "--password-env", PASSWORD_VAR)
        token_id = self.as_user_tls(first, "alice")
        port = str(first.port)
        first.stop()
        second = Sim("--tls", "--port", port)
        self.addCleanup(second.stop)
        token_id = self.as_user_tls(second, "alice")
        run = self.cli(*use, "pat", "revoke", token_id, "--yes", env=env, timeout=NO_HANG)
        self.assertPlainFailure(run, NETWORK, stdout_empty=False) if False else None
        self.assertExit(run, NETWORK)
        self.assertIn(second.fingerprint.replace(":", "").lower(), run.stderr.replace(":", "").lower())
        self.assertNotIn("<", run.stderr)
        self.assertEqual(run.stdout.strip(), "")
        self.assertFalse([e for e in self.activity() if e["outcome"] == "succeeded"])
        # Recovery: the user checks the new fingerprint and pins it.
        self.assertExit(self.cli("profiles", "add", name, "--server", second.url, "--user", "alice",
                                 "--pin-sha256", second.fingerprint, timeout=NO_HANG), OK)
        self.assertExit(self.cli(*use, "pat", "revoke", token_id, "--yes", env=env, timeout=NO_HANG), OK)
        self.cli("profiles", "remove", name)

    def as_user_tls(self, sim, user):
        import requests
        reply = requests.post(sim.url + TOKENS, json={"name": unique("tls")}, auth=(user, user), verify=False,
                              headers={"Accept": JSON})
        self.assertEqual(reply.status_code, 201, reply.text)
        return str(reply.json()["id"])


if __name__ == "__main__":
    unittest.main()
