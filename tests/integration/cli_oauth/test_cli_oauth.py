"""accessdesk-cli signs in by itself (issue #3 sections 1 and 4): the OAuth 1.0a dance with
`oauth1 authorize` and the OAuth 2.0 authorization-code + PKCE login with `oauth2 login`, against a
real trackersim. Python plays the user's browser: it logs in through /login.jsp, opens the address
the CLI printed and presses Allow (or Deny).

CTest sets TRACKERSIM, ACCESSDESK_CLI and PYTHONPATH (for tests/conformance's helpers). The
keychain is the session's gnome-keyring (scripts/test.sh runs everything in dbus-run-session);
settings and the activity log go to temporary XDG directories.
"""
import html
import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import unittest
import urllib.parse
import uuid
import warnings

import requests

from oauth1help import (AUTHORIZE, Forms, RsaKey, admin_session, browser_login, consumer_url,
                        create_generic_link)
from simharness import Sim

CONSUMER_KEY = "accessdesk-cli-test"
CONSUMER_NAME = "AccessDesk CLI"
HIDDEN_FIELD = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')
TIMEOUT = 60


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class CliTestCase(unittest.TestCase):
    """One trackersim and one private configuration per class."""

    @classmethod
    def setUpClass(cls):
        cls.cli = os.environ.get("ACCESSDESK_CLI")
        if not cls.cli:
            raise RuntimeError("set ACCESSDESK_CLI to the accessdesk-cli executable (CTest does)")
        cls.sim = Sim()
        cls.url = cls.sim.url
        cls.home = tempfile.mkdtemp(prefix="accessdesk-cli-oauth-")
        cls.env = dict(os.environ)
        cls.env.update({"XDG_CONFIG_HOME": os.path.join(cls.home, "config"),
                        "XDG_DATA_HOME": os.path.join(cls.home, "data"),
                        "QT_QPA_PLATFORM": "offscreen"})
        # No desktop: the CLI must not try to start a browser.
        cls.env.pop("DISPLAY", None)
        cls.env.pop("WAYLAND_DISPLAY", None)

    @classmethod
    def tearDownClass(cls):
        cls.sim.stop()
        shutil.rmtree(cls.home, ignore_errors=True)

    def setUp(self):
        warnings.simplefilter("ignore", ResourceWarning)
        # Keychain entries are per profile: unique names keep runs apart in a shared keyring.
        self.profiles = []

    def tearDown(self):
        for name in self.profiles:
            self.run_cli(["profiles", "remove", name])

    def new_profile(self, *options):
        name = "cli-oauth-" + uuid.uuid4().hex[:8]
        self.profiles.append(name)
        result = self.run_cli(["--server", self.url, *options, "profiles", "add", name])
        self.assertEqual(result.returncode, 0, result.stderr)
        return name

    def run_cli(self, arguments, extra_env=None):
        env = dict(self.env)
        env.update(extra_env or {})
        return subprocess.run([self.cli, *arguments], env=env, stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, timeout=TIMEOUT)

    def start_cli(self, arguments, extra_env=None, stdin=subprocess.PIPE):
        env = dict(self.env)
        env.update(extra_env or {})
        process = subprocess.Popen([self.cli, *arguments], env=env, stdin=stdin,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.addCleanup(lambda: process.poll() is None and process.kill())
        return process

    def printed_url(self, process):
        """The authorize address the CLI prints on stderr (indented on its own line)."""
        seen = []
        while True:
            line = process.stderr.readline()
            if not line:
                self.fail("the CLI printed no address: " + "".join(seen))
            seen.append(line)
            if line.startswith("  http"):
                return line.strip()

    def finish(self, process, text=None):
        """Sends text (if any), waits, and returns (exit code, stdout, the rest of stderr).
        Not communicate(): it would skip what readline() already buffered."""
        if process.stdin:
            if text:
                process.stdin.write(text)
            process.stdin.close()
        process.wait(timeout=TIMEOUT)
        return process.returncode, process.stdout.read(), process.stderr.read()

    def probe(self, arguments, extra_env=None):
        result = self.run_cli([*arguments, "--format", "json", "probe"], extra_env)
        return result, json.loads(result.stdout) if result.returncode == 0 else None


class OAuth1Authorize(CliTestCase):
    """A generic link whose incoming consumer holds the CLI's public key, made as an admin."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rsa = RsaKey()
        cls.key_file = os.path.join(cls.home, "consumer.pem")
        with open(cls.key_file, "w") as f:
            f.write(cls.rsa.private_pem)
        link = create_generic_link(cls.url, CONSUMER_NAME, "http://cli.example.test")
        reply = admin_session().put(consumer_url(cls.url, link), json={
            "key": CONSUMER_KEY, "name": CONSUMER_NAME, "description": "accessdesk-cli tests",
            "publicKey": cls.rsa.public_pem})
        assert reply.status_code == 201, reply.text
        cls.consumer = ["--consumer-key", CONSUMER_KEY, "--private-key", cls.key_file]

    def allow(self, address, user="alice"):
        """The user's browser: the Request for Access page, Allow, and the verifier it shows."""
        self.assertTrue(address.startswith(self.url + AUTHORIZE + "?oauth_token="), address)
        browser = browser_login(self.url, user)
        page = browser.get(address, allow_redirects=False)
        self.assertEqual(page.status_code, 200, page.text)
        self.assertIn(CONSUMER_NAME, page.text)
        form = Forms(page.text).inputs
        answer = browser.post(self.url + AUTHORIZE, allow_redirects=False, data={
            "oauth_token": form["oauth_token"], "atl_token": form["atl_token"], "approve": "Allow"})
        # The CLI asks for "oob": the provider shows the code instead of redirecting.
        self.assertEqual(answer.status_code, 200, answer.text)
        verifier = Forms(answer.text).ids["oauth-verifier"]
        self.assertRegex(verifier, r"^[A-Za-z0-9]{6}$")
        return verifier

    def authorize(self, arguments, user="alice"):
        process = self.start_cli(arguments)
        verifier = self.allow(self.printed_url(process), user)
        return self.finish(process, verifier + "\n")

    def test_dance_prints_tokens_that_sign_requests_as_the_user(self):
        code, out, err = self.authorize(
            ["--server", self.url, *self.consumer, "--format", "json", "oauth1", "authorize"])
        self.assertEqual(code, 0, err)
        tokens = json.loads(out)
        self.assertEqual(sorted(tokens), ["token", "tokenSecret"])
        self.assertTrue(tokens["token"] and tokens["tokenSecret"])
        self.assertNotIn(tokens["tokenSecret"], err)

        secrets = {"CLI_OAUTH_TOKEN": tokens["token"], "CLI_OAUTH_SECRET": tokens["tokenSecret"]}
        signed = ["--server", self.url, "--auth", "oauth1", *self.consumer,
                  "--oauth-token-env", "CLI_OAUTH_TOKEN", "--oauth-secret-env", "CLI_OAUTH_SECRET"]
        result, report = self.probe(signed, secrets)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(report["user"]["name"], "alice")

        listed = self.run_cli([*signed, "--format", "json", "tokens", "list"], secrets)
        self.assertEqual(listed.returncode, 0, listed.stderr)
        oauth1 = [g for g in json.loads(listed.stdout) if g["kind"] == "oauth1"]
        self.assertIn(CONSUMER_NAME, [g["application"] for g in oauth1])

    def test_dance_with_a_profile_stores_the_token_in_the_keychain(self):
        profile = self.new_profile()
        code, out, err = self.authorize(["--profile", profile, *self.consumer, "oauth1", "authorize"],
                                        user="bob")
        self.assertEqual(code, 0, err)
        self.assertIn("keychain", out)
        # Nothing secret on the terminal: only the confirmation.
        self.assertNotRegex(out, r"token secret|tokenSecret")

        result, report = self.probe(["--profile", profile])
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(report["user"]["name"], "bob")

    def test_no_terminal_and_nothing_on_stdin_is_refused(self):
        process = self.start_cli(["--server", self.url, *self.consumer, "oauth1", "authorize"],
                                 stdin=subprocess.DEVNULL)
        self.printed_url(process)
        code, out, err = self.finish(process)
        self.assertEqual(code, 2, err)
        self.assertIn("verification code", err)
        self.assertEqual(out, "")

    def test_a_wrong_verifier_is_refused_by_the_server(self):
        process = self.start_cli(["--server", self.url, *self.consumer, "oauth1", "authorize"])
        self.allow(self.printed_url(process))
        code, out, err = self.finish(process, "WRONG1\n")
        self.assertEqual(code, 3, err)
        self.assertEqual(out, "")

    def test_an_unknown_consumer_is_refused_before_any_browser(self):
        other = RsaKey()
        key_file = os.path.join(self.home, "unknown.pem")
        with open(key_file, "w") as f:
            f.write(other.private_pem)
        result = self.run_cli(["--server", self.url, "--consumer-key", "nobody-knows-me",
                               "--private-key", key_file, "oauth1", "authorize"])
        self.assertEqual(result.returncode, 3, result.stderr)
        self.assertNotIn("http", result.stderr.split("accessdesk-cli:")[0])

    def test_missing_consumer_key_is_a_usage_error(self):
        result = self.run_cli(["--server", self.url, "oauth1", "authorize"])
        self.assertEqual(result.returncode, 2)
        self.assertIn("--consumer-key", result.stderr)


class OAuth2Login(CliTestCase):
    """A client registered as admin with a fixed loopback redirect, as Jira needs it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.port = free_port()
        reply = requests.post(cls.url + "/rest/oauth2/latest/client", auth=("admin", "admin"),
                              json={"name": "AccessDesk CLI",
                                    "redirects": [f"http://127.0.0.1:{cls.port}/callback"],
                                    "scope": "WRITE"})
        assert reply.status_code == 200, reply.text
        cls.client = reply.json()
        cls.secret_env = {"CLI_CLIENT_SECRET": cls.client["clientSecret"]}
        cls.login_options = ["--client-id", cls.client["clientId"],
                             "--client-secret-env", "CLI_CLIENT_SECRET",
                             "--redirect-port", str(cls.port), "--scope", "WRITE"]

    def consent(self, address, approve=True, user="alice"):
        """The browser: authorize → consent page → Allow/Deny → back to the CLI's listener."""
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(address).query))
        self.assertEqual(query["code_challenge_method"], "S256")
        self.assertEqual(query["redirect_uri"], f"http://127.0.0.1:{self.port}/callback")
        self.assertTrue(query["state"])
        browser = browser_login(self.url, user)
        reply = browser.get(address, allow_redirects=False)
        self.assertEqual(reply.status_code, 303, reply.text)
        page = browser.get(reply.headers["Location"], allow_redirects=False)
        self.assertEqual(page.status_code, 200, page.text)
        fields = {name: html.unescape(value) for name, value in HIDDEN_FIELD.findall(page.text)}
        fields["approve" if approve else "deny"] = "Allow" if approve else "Deny"
        decided = browser.post(self.url + "/plugins/servlet/oauth2/consent", data=fields,
                               allow_redirects=False)
        self.assertEqual(decided.status_code, 302, decided.text)
        back = decided.headers["Location"]
        self.assertTrue(back.startswith(f"http://127.0.0.1:{self.port}/callback?"), back)
        self.assertEqual(requests.get(back, timeout=TIMEOUT).status_code, 200)

    def login(self, arguments, approve=True):
        process = self.start_cli([*arguments, "oauth2", "login", *self.login_options],
                                 self.secret_env, stdin=subprocess.DEVNULL)
        self.consent(self.printed_url(process), approve)
        return self.finish(process)

    def test_login_probe_expiry_and_refresh(self):
        # Without a profile the tokens are printed once, for the caller to keep.
        code, out, err = self.login(["--server", self.url, "--format", "json"])
        self.assertEqual(code, 0, err)
        printed = json.loads(out)
        self.assertEqual(sorted(printed), ["accessToken", "expiresAt", "refreshToken", "scope"])
        self.assertEqual(printed["scope"], "WRITE")
        self.assertRegex(printed["expiresAt"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        self.assertNotIn(printed["accessToken"], err)
        bearer = ["--server", self.url, "--auth", "oauth2", "--token-env", "CLI_ACCESS"]
        access = {"CLI_ACCESS": printed["accessToken"]}
        result, report = self.probe(bearer, access)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(report["user"]["name"], "alice")

        # With a profile they go to the keychain, and the profile signs in with them.
        profile = self.new_profile()
        code, out, err = self.login(["--profile", profile])
        self.assertEqual(code, 0, err)
        self.assertIn("keychain", out)
        result, report = self.probe(["--profile", profile])
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(report["user"]["name"], "alice")

        # An hour later the access tokens are dead (Jira then treats the caller as anonymous).
        self.sim.advance_clock(3601)
        result, _ = self.probe(bearer, access)
        self.assertEqual(result.returncode, 3, result.stderr)

        refreshed = self.run_cli(["--profile", profile, "oauth2", "refresh"], self.secret_env)
        self.assertEqual(refreshed.returncode, 0, refreshed.stderr)
        result, report = self.probe(["--profile", profile])
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(report["user"]["name"], "alice")

        # The client secret was stored at login: refreshing needs no environment now, and the
        # rotated refresh token from the last refresh is the one in the keychain.
        again = self.run_cli(["--profile", profile, "oauth2", "refresh"])
        self.assertEqual(again.returncode, 0, again.stderr)

    def test_denial_in_the_browser_is_refused(self):
        code, out, err = self.login(["--server", self.url], approve=False)
        self.assertEqual(code, 3, err)
        self.assertEqual(out, "")

    def test_refresh_needs_a_profile_with_a_refresh_token(self):
        result = self.run_cli(["--server", self.url, "oauth2", "refresh"])
        self.assertEqual(result.returncode, 2)
        profile = self.new_profile()
        result = self.run_cli(["--profile", profile, "--client-id", self.client["clientId"],
                               "oauth2", "refresh"])
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("refresh token", result.stderr)

    def test_login_needs_a_client_id(self):
        result = self.run_cli(["--server", self.url, "oauth2", "login"])
        self.assertEqual(result.returncode, 2)
        self.assertIn("--client-id", result.stderr)


if __name__ == "__main__":
    unittest.main()
