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
import glob
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import unittest
import warnings

import requests

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
    write (DELETE /rest/pat/latest/tokens/ID, under `pat revoke`). One trackersim for all; the scale
    seed's users (user0001..., ten tokens each) give every write case its own tokens."""

    SIM_ARGS = ("--seed", "scale:1000")

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
        # The status line came, then half the body and a closed connection. It used to be read as
        # a whole answer ("the server's JSON is malformed", exit 5); it is a dropped connection.
        self.fault_on_read(action="truncate")
        run = self.read()
        self.assertPlainFailure(run, NETWORK)
        self.assertIn("closed before the server's whole answer arrived", run.stderr)
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
            if status == 429:
                continue  # test_429_storm_with_retry_after_0 has the read under a storm of them
            with self.subTest(status=status):
                self.sim.clear_faults()
                self.fault_on_read(status=status, contentType=content_type, body=body, headers=headers)
                run = self.read(command="pat" if status == 404 else "tokens")
                self.assertPlainFailure(run, code)
                if status >= 500:
                    self.assertIn(str(status), run.stderr)
        self.assertReadRecovers()

    # --- the write ---

    # --- the write: `pat revoke ID`. Each case revokes a token of its own user of the scale seed
    # with its own activity log, so that all run at once: the retried ones wait their one-second
    # floors side by side instead of one after the other.

    def write_case(self, index, faults, timeout="5"):
        user = f"user{index + 1:04d}"
        log_home = os.path.join(self.home, user)
        os.makedirs(log_home)
        token_id = sorted(self.pat_ids(user))[0]
        for fault in faults:
            self.sim.add_fault(method="DELETE", path=f"{TOKENS}/{token_id}", **fault)
        run = self.as_user(user, "pat", "revoke", token_id, "--yes", "--format", "json", "--timeout", timeout,
                           env={"XDG_DATA_HOME": log_home})
        return user, token_id, log_home, run

    def log_of(self, log_home, token_id):
        entries = self.ok_json(self.cli("activity", "list", "--format", "json", env={"XDG_DATA_HOME": log_home}))
        self.assertEqual(len(entries), 1, entries)
        self.assertIn(str(token_id), entries[0]["target"])
        return entries[0]

    def test_writes(self):
        html = {"status": 200, "contentType": "text/html;charset=UTF-8"}
        # name: (faults on the DELETE, the CLI's timeout, outcome, logged as, exit code)
        cases = {
            # The server acts two seconds later, after the CLI gave up and the check still listed
            # the token: the request may still be at work, so its outcome is unknown.
            "latency past the timeout": ([{"action": "latency", "delayMs": 2000, "times": 1}], "1",
                                         "unknown", "unknown", PARTIAL),
            "reset before the answer": ([{"action": "reset"}], "5", "not-revoked", "failed", PARTIAL),
            # The server acted, then its answer was cut off / broken: the check finds it gone.
            "reset mid-body": ([{"action": "truncate"}], "5", "revoked", "succeeded", OK),
            "malformed JSON": ([{"action": "malformed"}], "5", "revoked", "succeeded", OK),
            # Not the server's answer at all (a proxy, or Jira's websudo page): nothing was done.
            "truncated JSON": ([{"status": 200, "contentType": JSON, "body": '{"errorMessages":["Tok'}], "5",
                               "not-revoked", "failed", PARTIAL),
            "proxy login page": ([dict(html, body=PROXY_LOGIN)], "5", "not-revoked", "failed", PARTIAL),
            "websudo page": ([dict(html, body=WEBSUDO_PAGE)], "5", "not-revoked", "failed", PARTIAL),
        }
        for status, content_type, body, headers, _ in STATUSES:
            cases[f"HTTP {status}"] = ([{"status": status, "contentType": content_type, "body": body,
                                         "headers": headers}], "5", "not-revoked", "failed", PARTIAL)
        with concurrent.futures.ThreadPoolExecutor(len(cases)) as pool:
            futures = {name: pool.submit(self.write_case, i, faults, timeout)
                       for i, (name, (faults, timeout, *_)) in enumerate(cases.items())}
            done = {name: future.result() for name, future in futures.items()}

        for name, (user, token_id, log_home, run) in done.items():
            _, _, outcome, logged, code = cases[name]
            with self.subTest(name):
                if code == OK:
                    self.assertExit(run, OK)
                else:
                    self.assertPlainFailure(run, code, stdout_empty=False)
                [result] = run.json()
                self.assertEqual(result["outcome"], outcome, result)
                self.assertNotIn("<", result.get("error") or "", "markup is not plain words")
                if name.startswith("HTTP 5"):
                    self.assertIn(name[5:], result["error"])
                self.assertEqual(self.log_of(log_home, token_id)["outcome"], logged)
                if outcome == "not-revoked":
                    self.assertIn(token_id, self.pat_ids(user), "the fault let the revoke through")
                elif outcome == "revoked":
                    self.assertNotIn(token_id, self.pat_ids(user))

        # Recovery: with the faults gone, the same command revokes what is left, and the CLI's
        # list is the server's.
        self.sim.clear_faults()
        deadline = time.monotonic() + 10
        user, token_id, *_ = done["latency past the timeout"]
        while token_id in self.pat_ids(user) and time.monotonic() < deadline:
            time.sleep(0.1)
        self.assertNotIn(token_id, self.pat_ids(user), "the server did revoke it after all")
        for name, (user, token_id, log_home, _) in done.items():
            with self.subTest(f"{name}, after recovery"):
                run = self.as_user(user, "pat", "revoke", token_id, "--yes", "--format", "json",
                                   env={"XDG_DATA_HOME": log_home})
                [result] = self.ok_json(run)
                self.assertEqual(result["outcome"], "revoked")
                listed = {t["id"] for t in self.ok_json(self.as_user(user, "pat", "list", "--format", "json"))}
                self.assertEqual(listed, self.pat_ids(user))
                self.assertNotIn(token_id, listed)

    def test_429_storm_with_retry_after_0(self):
        """Every REST request answered 429 with Retry-After: 0, a read and a write at once: the CLI
        backs off at its floor, gives up after its attempts with a plain message, and the write,
        whose check meets the storm too, is unknown or failed, never done."""
        user, token_id = "user0099", sorted(self.pat_ids("user0099"))[0]
        self.sim.add_fault(path="/rest/*", status=429, contentType=JSON, body='{"message":"Rate limit exceeded."}',
                           headers={"Retry-After": "0", "X-RateLimit-Remaining": "0"})
        started = time.monotonic()
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            read = pool.submit(self.read)
            write = pool.submit(self.as_user, user, "pat", "revoke", token_id, "--yes", "--format", "json")
            read, write = read.result(), write.result()
        elapsed = time.monotonic() - started
        self.assertPlainFailure(read, SERVER)
        self.assertIn("limiting requests", read.stderr)
        self.assertIn(write.code, (PARTIAL, SERVER), str(write))
        self.assertPlainFailure(write, write.code, stdout_empty=False)
        self.assertGreaterEqual(elapsed, 1.9, "retried without waiting for the floor")
        [entry] = self.activity()
        self.assertIn(entry["outcome"], ("failed", "unknown"))
        self.sim.clear_faults()
        self.assertIn(token_id, self.pat_ids(user))
        self.assertEqual(self.ok_json(self.as_user(user, "pat", "revoke", token_id, "--yes", "--format", "json"))
                         [0]["outcome"], "revoked")
        self.assertNotIn(token_id, self.pat_ids(user))


class SweepServerKilled(FaultCase):
    """`admin-pats sweep` over about 500 tokens whose server is killed (SIGKILL) while it holds the
    third batch of 100, and started again on the same port and data a moment later."""

    SIM_ARGS = None

    def admin_env(self):
        return {PASSWORD_VAR: "admin"}

    def test_server_killed_and_restarted_mid_sweep(self):
        data = os.path.join(self.home, "trackersim.sqlite")
        args = ("--seed", "scale:1500", "--data", data)
        sim = Sim(*args)
        self.addCleanup(lambda: sim.stop())
        self.url = sim.url
        never_used = {t["id"] for t in list_tokens(sim.url) if not t.get("lastAccessedAt")}
        self.assertGreater(len(never_used), 400)
        # Two batches pass; the third is held by the server (not yet done) when it is killed.
        sim.add_fault(method="DELETE", path=REVOKE, action="latency", delayMs=0, times=2)
        sim.add_fault(method="DELETE", path=REVOKE, action="latency", delayMs=20000, times=1)
        started = time.monotonic()
        process = self.start_cli("--server", sim.url, "--user", "admin", "--password-env", PASSWORD_VAR,
                                 "admin-pats", "sweep", "--never-used", "--yes", "--format", "json",
                                 "--timeout", "5", env=self.admin_env())
        try:
            deadline = time.monotonic() + NO_HANG
            while sim.control("GET", "faults") and time.monotonic() < deadline:
                time.sleep(0.02)
            self.assertEqual(sim.control("GET", "faults"), [], "the third batch never came")
            port = str(sim.port)
            sim.process.send_signal(signal.SIGKILL)
            sim.process.wait()
            sim.stop()
            time.sleep(0.3)
            sim = Sim(*args, "--port", port)
            stdout, stderr = process.communicate(timeout=NO_HANG)
        finally:
            if process.poll() is None:
                process.kill()
                process.communicate()
        self.assertLess(time.monotonic() - started, NO_HANG)

        listed = {t["id"] for t in list_tokens(sim.url)}
        self.assertIn(process.returncode, (OK, PARTIAL), stderr)
        for junk in ("traceback", "terminate called", "segmentation", "<html", "qt."):
            self.assertNotIn(junk, stderr.lower())
        if process.returncode == PARTIAL:
            # Each token not revoked is named (the README's contract), then one summary line.
            self.assertRegex(stderr.strip().splitlines()[-1], r"revoked \d+ of \d+ tokens")
        results = json.loads(stdout)
        self.assertEqual({r["id"] for r in results}, never_used)
        for result in results:
            if result["outcome"] == "revoked":
                self.assertNotIn(result["id"], listed, f"reported revoked, but the server lists it: {result}")
            if result["id"] in listed:
                self.assertIn(result["outcome"], ("not-revoked", "failed", "unknown", "not-attempted"), result)
        if process.returncode == OK:
            self.assertFalse(never_used & listed)
        entries = self.ok_json(self.cli("activity", "list", "--format", "json"))
        by_id = {}
        for entry in entries:
            self.assertEqual(entry["action"], "admin-revoke-pat")
            by_id[int(entry["target"].split("pat:")[1].split()[0].rstrip(")"))] = entry["outcome"]
        for token_id, outcome in by_id.items():
            if token_id in listed:
                self.assertNotEqual(outcome, "succeeded", f"the log says pat:{token_id} was revoked")
            else:
                self.assertNotEqual(outcome, "failed", f"the log says pat:{token_id} failed")

        # Again, with the server up: nothing is left, and the CLI's search is the server's list.
        again = self.as_user("admin", "admin-pats", "sweep", "--never-used", "--yes", "--format", "json",
                             url=sim.url, password="admin")
        self.assertExit(again, OK)
        listed = {t["id"] for t in list_tokens(sim.url)}
        self.assertFalse(never_used & listed)
        found = self.ok_json(self.as_user("admin", "admin-pats", "search", "--format", "json", url=sim.url,
                                          password="admin"))
        self.assertEqual({t["id"] for t in found}, listed)


class ChangedCertificate(FaultCase):
    """A pinned profile whose server comes back with another certificate (test_tls.py has the
    read): a write is refused before anything is sent, the log claims nothing, re-pinning recovers."""

    SIM_ARGS = None

    def setUp(self):
        super().setUp()
        # trackersim's self-signed certificate, read here around the CLI.
        warnings.filterwarnings("ignore", message="Unverified HTTPS request")

    def create_pat_on(self, sim):
        reply = requests.post(sim.url + TOKENS, json={"name": unique("tls")}, auth=("alice", "alice"),
                              verify=False, headers={"Accept": JSON}, timeout=NO_HANG)
        self.assertEqual(reply.status_code, 201, reply.text)
        return str(reply.json()["id"])

    def ids_on(self, sim):
        reply = requests.get(sim.url + TOKENS, auth=("alice", "alice"), verify=False,
                             headers={"Accept": JSON}, timeout=NO_HANG)
        return {str(t["id"]) for t in reply.json()}

    def test_write_against_a_changed_certificate(self):
        first = Sim("--tls")
        self.addCleanup(first.stop)
        name = unique("pinned")
        self.addCleanup(self.cli, "profiles", "remove", name)
        self.assertExit(self.cli("profiles", "add", name, "--server", first.url, "--user", "alice",
                                 "--pin-sha256", first.fingerprint, timeout=NO_HANG), OK)
        port = str(first.port)
        first.stop()
        second = Sim("--tls", "--port", port)
        self.addCleanup(second.stop)
        self.assertNotEqual(second.fingerprint, first.fingerprint)
        token_id = self.create_pat_on(second)

        revoke = ("--profile", name, "--password-env", PASSWORD_VAR, "pat", "revoke", token_id, "--yes",
                  "--format", "json")
        run = self.cli(*revoke, env={PASSWORD_VAR: "alice"}, timeout=NO_HANG)
        self.assertExit(run, NETWORK)
        # Refused before anything was sent: failed, truly.
        self.assertEqual([r["outcome"] for r in run.json()], ["failed"])
        self.assertTrue(run.stderr.startswith("accessdesk-cli: "), run)
        self.assertIn(second.fingerprint.replace(":", "").lower(), run.stderr.replace(":", "").lower())
        self.assertIn(token_id, self.ids_on(second))
        self.assertFalse([e for e in self.activity() if e["outcome"] == "succeeded"], self.activity())

        # Recovery: the user checks the new fingerprint and pins it.
        self.assertExit(self.cli("profiles", "add", name, "--server", second.url, "--user", "alice",
                                 "--pin-sha256", second.fingerprint, timeout=NO_HANG), OK)
        self.assertExit(self.cli(*revoke, env={PASSWORD_VAR: "alice"}, timeout=NO_HANG), OK)
        self.assertNotIn(token_id, self.ids_on(second))
        listed = self.ok_json(self.cli("--profile", name, "--password-env", PASSWORD_VAR, "pat", "list",
                                       "--format", "json", env={PASSWORD_VAR: "alice"}, timeout=NO_HANG))
        self.assertEqual({str(t["id"]) for t in listed}, self.ids_on(second))

    def test_admin_revoke_against_a_changed_certificate(self):
        """`admin-pats revoke` meets the new certificate in its search for the ids, before any revoke:
        it must name the certificate as every other command does (the pinned and the offered
        fingerprint, the subject, the option that trusts it), send nothing and log nothing."""
        first = Sim("--tls")
        self.addCleanup(first.stop)
        name = unique("pinned-admin")
        self.addCleanup(self.cli, "profiles", "remove", name)
        self.assertExit(self.cli("profiles", "add", name, "--server", first.url, "--user", "admin",
                                 "--pin-sha256", first.fingerprint, timeout=NO_HANG), OK)
        port = str(first.port)
        first.stop()
        second = Sim("--tls", "--port", port)
        self.addCleanup(second.stop)
        token_id = self.create_pat_on(second)

        revoke = ("--profile", name, "--password-env", PASSWORD_VAR, "admin-pats", "revoke", token_id,
                  "--yes", "--format", "json")
        run = self.cli(*revoke, env={PASSWORD_VAR: "admin"}, timeout=NO_HANG)
        self.assertExit(run, NETWORK)
        self.assertEqual(run.stdout.strip(), "", run)
        self.assertTrue(run.stderr.startswith("accessdesk-cli: "), run)
        said = run.stderr.replace(":", "").lower()
        self.assertIn(second.fingerprint.replace(":", "").lower(), said, run)
        self.assertIn(first.fingerprint.replace(":", "").lower(), said, "the pinned one, to compare")
        self.assertIn("subject", run.stderr)
        self.assertIn("--pin-sha256", run.stderr)
        # The same words as a read meets (one shared copy): everything from the first line on.
        read = self.cli("--profile", name, "--password-env", PASSWORD_VAR, "pat", "list",
                        env={PASSWORD_VAR: "admin"}, timeout=NO_HANG)
        self.assertExit(read, NETWORK)
        self.assertEqual(run.stderr, read.stderr)
        self.assertIn(token_id, self.ids_on(second))
        self.assertEqual(self.activity(), [], "nothing was sent, so nothing is logged")

        self.assertExit(self.cli("profiles", "add", name, "--server", second.url, "--user", "admin",
                                 "--pin-sha256", second.fingerprint, timeout=NO_HANG), OK)
        self.assertExit(self.cli(*revoke, env={PASSWORD_VAR: "admin"}, timeout=NO_HANG), OK)
        self.assertNotIn(token_id, self.ids_on(second))


class PrivateKeyring:
    """A D-Bus session bus of its own with a gnome-keyring-daemon on it (unlocked with a known
    password), so that the keychain can be locked and stopped without touching anyone else's."""

    PASSWORD = b"fault-matrix"

    def __init__(self, folder):
        self.folder = folder
        self.env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
        self.env.update(HOME=folder, XDG_DATA_HOME=os.path.join(folder, "data"),
                        XDG_RUNTIME_DIR=os.path.join(folder, "run"))
        os.makedirs(self.env["XDG_RUNTIME_DIR"], mode=0o700)
        # No display: the unlock prompt (gcr-prompter) cannot be shown, as on a server.
        self.bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                    env=self.env)
        self.address = self.bus.stdout.readline().strip()
        self.env["DBUS_SESSION_BUS_ADDRESS"] = self.address
        self.daemon = None
        self.start_daemon()

    def start_daemon(self):
        self.daemon = subprocess.Popen(["gnome-keyring-daemon", "--foreground", "--unlock",
                                        "--components=secrets"], stdin=subprocess.PIPE,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=self.env)
        self.daemon.stdin.write(self.PASSWORD)
        self.daemon.stdin.close()
        deadline = time.monotonic() + 10
        while not self.has_secret_service():
            if time.monotonic() > deadline:
                raise RuntimeError("gnome-keyring-daemon did not come up on the private bus")
            time.sleep(0.05)

    def gdbus(self, *args):
        return subprocess.run(["gdbus", "call", "--session", *args], env=self.env, capture_output=True,
                              text=True, timeout=10)

    def has_secret_service(self):
        done = self.gdbus("--dest", "org.freedesktop.DBus", "--object-path", "/org/freedesktop/DBus",
                          "--method", "org.freedesktop.DBus.NameHasOwner", "org.freedesktop.secrets")
        return "true" in done.stdout

    def lock(self):
        done = self.gdbus("--dest", "org.freedesktop.secrets", "--object-path", "/org/freedesktop/secrets",
                          "--method", "org.freedesktop.Secret.Service.Lock",
                          "@ao ['/org/freedesktop/secrets/collection/login']")
        assert done.returncode == 0, done.stderr

    def unlock(self):
        """As the user does by signing in: the daemon starts again, unlocked with the password."""
        self.stop_daemon()
        self.start_daemon()

    def stop_daemon(self):
        if self.daemon and self.daemon.poll() is None:
            self.daemon.terminate()
            self.daemon.wait(timeout=10)

    def stop(self):
        self.stop_daemon()
        self.bus.terminate()
        self.bus.wait(timeout=10)
        self.bus.stdout.close()


class Keychain(FaultCase):
    """A profile whose password is in the keychain, with the keychain locked (the unlock prompt
    cannot be shown) or absent (no D-Bus session at all)."""

    def setUp(self):
        super().setUp()
        self.keyring = PrivateKeyring(os.path.join(self.home, "keyring"))
        self.addCleanup(self.keyring.stop)
        self.profile = unique("keychain")
        added = self.cli("profiles", "add", self.profile, "--server", self.url, "--user", "alice",
                         "--password-env", PASSWORD_VAR, env=self.keychain_env({PASSWORD_VAR: "alice"}),
                         timeout=NO_HANG)
        self.assertExit(added, OK)

    def keychain_env(self, extra=None):
        env = {"DBUS_SESSION_BUS_ADDRESS": self.keyring.address}
        env.update(extra or {})
        return env

    def with_profile(self, *args, env=None):
        return self.cli("--profile", self.profile, *args, env=env or self.keychain_env(), timeout=NO_HANG)

    def write(self, token_id, env=None):
        return self.with_profile("pat", "revoke", token_id, "--yes", "--format", "json", env=env)

    def assertRecovers(self, token_id):
        [result] = self.ok_json(self.write(token_id))
        self.assertEqual(result["outcome"], "revoked")
        self.assertNotIn(token_id, self.pat_ids("alice"))
        listed = {t["id"] for t in self.ok_json(self.with_profile("pat", "list", "--format", "json"))}
        self.assertEqual(listed, self.pat_ids("alice"))

    def test_locked(self):
        token_id = self.create_pat("alice")["id"]
        self.keyring.lock()
        for run in (self.with_profile("pat", "list", "--format", "json"), self.write(token_id)):
            self.assertPlainFailure(run, AUTH)
            self.assertIn("locked", run.stderr)
            self.assertNotIn("add it again", run.stderr, "the password is there, only locked")
        # Saving a secret into the locked keychain saves nothing.
        other = unique("locked")
        run = self.cli("profiles", "add", other, "--server", self.url, "--user", "alice", "--password-env",
                       PASSWORD_VAR, env=self.keychain_env({PASSWORD_VAR: "alice"}), timeout=NO_HANG)
        self.assertPlainFailure(run, AUTH)
        self.assertIn("locked", run.stderr)
        self.assertNotIn(other, [p["name"] for p in self.ok_json(self.cli("profiles", "list", "--format", "json"))])
        # Removing the profile cannot delete its password from the locked keychain (the Secret
        # Service "deletes" nothing there without saying so): refused, and the profile is kept.
        run = self.cli("profiles", "remove", self.profile, env=self.keychain_env(), timeout=NO_HANG)
        self.assertPlainFailure(run, AUTH)
        self.assertIn("locked", run.stderr)
        self.assertIn(self.profile, [p["name"] for p in self.ok_json(self.cli("profiles", "list", "--format", "json"))])
        self.assertEqual(self.activity(), [], "nothing was sent, so nothing is logged")
        self.assertIn(token_id, self.pat_ids("alice"))
        self.keyring.unlock()
        self.assertRecovers(token_id)

    def test_absent(self):
        token_id = self.create_pat("alice")["id"]
        absent = {"DBUS_SESSION_BUS_ADDRESS": "unix:path=" + os.path.join(self.home, "no-bus")}
        for run in (self.with_profile("pat", "list", "--format", "json", env=absent),
                    self.write(token_id, env=absent)):
            self.assertPlainFailure(run, USAGE)
            self.assertIn("no keychain", run.stderr)
            self.assertIn("environment", run.stderr)
            self.assertEqual(len(run.stderr.strip().splitlines()), 1, run)
        self.assertEqual(self.activity(), [])
        # The way out it names: the password from the environment.
        [result] = self.ok_json(self.with_profile("--password-env", PASSWORD_VAR, "pat", "revoke", token_id,
                                                  "--yes", "--format", "json",
                                                  env=dict(absent, **{PASSWORD_VAR: "alice"})))
        self.assertEqual(result["outcome"], "revoked")
        self.assertNotIn(token_id, self.pat_ids("alice"))


class Storage(FaultCase):
    """The activity log's SQLite file read-only, locked by another process, or corrupt; a full disk
    under an export. A change the log cannot record is not sent (README); a read goes on."""

    def database(self):
        [path] = glob.glob(os.path.join(self.data_home, "**", "accessdesk.sqlite"), recursive=True)
        return path

    def start_log(self):
        """One change logged, so that the file exists with its tables."""
        token_id = self.create_pat("alice")["id"]
        self.assertExit(self.alice_pat("pat", "revoke", token_id, "--yes"), OK)
        self.assertEqual(len(self.activity()), 1)

    def assertWriteNotSent(self, run, token_id):
        self.assertPlainFailure(run, SERVER)
        self.assertIn("activity log", run.stderr)
        self.assertIn(token_id, self.pat_ids("alice"), "a change the log cannot record was sent")

    def assertRecovers(self, token_id, entries):
        [result] = self.ok_json(self.alice_pat("pat", "revoke", token_id, "--yes", "--format", "json"))
        self.assertEqual(result["outcome"], "revoked")
        self.assertNotIn(token_id, self.pat_ids("alice"))
        self.assertEqual(len(self.activity()), entries)
        listed = {g["id"] for g in self.ok_json(self.alice_pat("tokens", "list", "--format", "json"))
                  if g["kind"] == "pat"}
        self.assertEqual(listed, {f"pat:{i}" for i in self.pat_ids("alice")})

    def test_read_only(self):
        self.start_log()
        token_id = self.create_pat("alice")["id"]
        folder = os.path.dirname(self.database())
        undo = []
        try:
            os.chmod(self.database(), 0o444)
            os.chmod(folder, 0o555)
            if os.geteuid() == 0:
                # Permissions do not stop root; an immutable file does.
                done = subprocess.run(["chattr", "+i", self.database()], capture_output=True)
                if done.returncode != 0:
                    self.skipTest("running as root without chattr +i: a read-only file cannot be made")
                undo.append(["chattr", "-i", self.database()])
            self.assertWriteNotSent(self.alice_pat("pat", "revoke", token_id, "--yes", "--format", "json"),
                                    token_id)
            read = self.alice_pat("tokens", "list", "--format", "json")
            self.assertIn(f"pat:{token_id}", {g["id"] for g in self.ok_json(read)})
        finally:
            for command in undo:
                subprocess.run(command, check=True)
            os.chmod(folder, 0o700)
            os.chmod(self.database(), 0o600)
        self.assertRecovers(token_id, 2)

    def test_locked_by_another_process(self):
        self.start_log()
        token_id = self.create_pat("alice")["id"]
        holder = sqlite3.connect(self.database(), timeout=1, isolation_level=None)
        try:
            holder.execute("BEGIN EXCLUSIVE")
            started = time.monotonic()
            run = self.alice_pat("pat", "revoke", token_id, "--yes", "--format", "json")
            self.assertLess(time.monotonic() - started, 15, "waited too long for the lock")
            self.assertWriteNotSent(run, token_id)
            self.assertIn("in use", run.stderr)
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        self.assertRecovers(token_id, 2)

    def test_corrupt(self):
        self.start_log()
        token_id = self.create_pat("alice")["id"]
        for suffix in ("-wal", "-shm"):
            if os.path.exists(self.database() + suffix):
                os.remove(self.database() + suffix)
        with open(self.database(), "r+b") as f:
            f.write(os.urandom(4096))
        run = self.alice_pat("pat", "revoke", token_id, "--yes", "--format", "json")
        self.assertWriteNotSent(run, token_id)
        # Where it is, so that it can be moved aside.
        self.assertIn(self.database(), run.stderr)
        self.assertPlainFailure(self.cli("activity", "list", "--format", "json", timeout=NO_HANG), SERVER)
        os.rename(self.database(), self.database() + ".corrupt")
        self.assertRecovers(token_id, 1)

    def test_full_disk_under_an_export(self):
        self.start_log()
        with open("/dev/full", "w") as full:
            done = subprocess.run([os.environ["ACCESSDESK_CLI"], "activity", "export"], env=self.cli_env(),
                                  stdin=subprocess.DEVNULL, stdout=full, stderr=subprocess.PIPE, text=True,
                                  timeout=NO_HANG)
        self.assertNotEqual(done.returncode, OK, "an export that was not written is no success")
        self.assertEqual(done.returncode, SERVER, done.stderr)
        self.assertIn("No space left on device", done.stderr)
        self.assertEqual(len(done.stderr.strip().splitlines()), 1, done.stderr)
        # With room again, the export is whole.
        exported = self.cli("activity", "export", timeout=NO_HANG)
        self.assertExit(exported, OK)
        self.assertEqual(len(exported.stdout.strip().splitlines()), 2)


if __name__ == "__main__":
    unittest.main()
