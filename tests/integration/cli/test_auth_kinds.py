"""Every auth kind of the contract against a real trackersim: basic, pat, session, oauth2, oauth1.

The credentials for pat, oauth2 and oauth1 are obtained for real: a PAT made by the CLI itself, an
OAuth 2.0 access token through trackersim's authorization-code flow with PKCE (driven with requests,
as a browser would), an OAuth 1.0a access token through the dance with Debian's requests-oauthlib.
"""
import datetime
import os
import unittest

from oauthlib.oauth1 import SIGNATURE_RSA
from requests_oauthlib import OAuth1Session

from clitest import AUTH, OK, PASSWORD_VAR, TOKEN_VAR, CliTestCase, needs_keychain, unique
from oauth1help import (ACCESS_TOKEN, AUTHORIZE, REQUEST_TOKEN, Forms, RsaKey, admin_session,
                        browser_login, consumer_url, create_generic_link)
from oauth2flow import OAuth2Steps

OAUTH_TOKEN_VAR = "ACCESSDESK_TEST_OAUTH_TOKEN"
OAUTH_SECRET_VAR = "ACCESSDESK_TEST_OAUTH_SECRET"
CONSUMER_KEY = "accessdesk-cli-tests"
CALLBACK = "http://127.0.0.1:8765/oauth/callback"


def parse_time(text):
    """ISO-8601 UTC with a Z, as the contract prints times."""
    if not text.endswith("Z"):
        raise AssertionError(f"{text!r} is not UTC with a Z")
    return datetime.datetime.fromisoformat(text[:-1]).replace(tzinfo=datetime.timezone.utc)


class AuthKinds(CliTestCase, OAuth2Steps):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # An incoming OAuth 1.0a consumer with a fresh RSA key, made as an administrator would.
        cls.rsa = RsaKey()
        link_id = create_generic_link(cls.url, "AccessDesk CLI tests", "http://cli.example.test")
        reply = admin_session().put(consumer_url(cls.url, link_id), json={
            "key": CONSUMER_KEY, "name": "AccessDesk CLI tests", "publicKey": cls.rsa.public_pem})
        assert reply.status_code == 201, reply.text

    def whoami(self, *args, env=None):
        report = self.ok_json(self.cli("--server", self.url, *args, "probe", "--format", "json", env=env))
        return report["user"]["name"]

    def test_basic(self):
        self.assertEqual(self.whoami("--auth", "basic", "--user", "alice", "--password-env", PASSWORD_VAR,
                                     env={PASSWORD_VAR: "alice"}), "alice")
        # basic is the default kind
        self.assertEqual(self.whoami("--user", "bob", "--password-env", PASSWORD_VAR,
                                     env={PASSWORD_VAR: "bob"}), "bob")

    def test_pat_made_by_the_cli(self):
        name = unique("cli-pat")
        created = self.ok_json(self.alice("pat", "create", name, "--days", "5", "--format", "json"))
        self.assertEqual(created["name"], name)
        token = created["token"]
        self.assertTrue(token)
        self.assertIsInstance(created["id"], int)
        lifetime = parse_time(created["expiresAt"]) - parse_time(created["createdAt"])
        self.assertEqual(round(lifetime.total_seconds() / 86400), 5)

        self.assertEqual(self.whoami("--auth", "pat", "--token-env", TOKEN_VAR, env={TOKEN_VAR: token}),
                         "alice")
        grants = self.ok_json(self.cli("--server", self.url, "--auth", "pat", "--token-env", TOKEN_VAR,
                                       "tokens", "list", "--format", "json", env={TOKEN_VAR: token}))
        self.assertIn(("Bamboo", "oauth1"), {(g["application"], g["kind"]) for g in grants})
        self.assertIn(name, [g["application"] for g in grants])
        # The token is printed once: listings never show it again.
        listed = self.alice("pat", "list", "--format", "json")
        self.assertIn(name, [t["name"] for t in self.ok_json(listed)])
        self.assertNotIn(token, listed.stdout)
        self.assertNotIn(token, self.alice("tokens", "list", "--format", "json").stdout)
        self.assertSecretNowhere(token)  # nor in the activity log the creation was written to

    def test_pat_that_is_wrong_is_refused(self):
        run = self.cli("--server", self.url, "--auth", "pat", "--token-env", TOKEN_VAR, "probe",
                       env={TOKEN_VAR: "MDAwMDAwMDAwMDAwOm5vdC1hLXJlYWwtdG9rZW4="})
        self.assertFailsPlainly(run, AUTH)

    def test_session(self):
        for user in ("alice", "admin"):
            with self.subTest(user=user):
                self.assertEqual(self.whoami("--auth", "session", "--user", user, "--password-env",
                                             PASSWORD_VAR, env={PASSWORD_VAR: user}), user)
        grants = self.ok_json(self.cli("--server", self.url, "--auth", "session", "--user", "alice",
                                       "--password-env", PASSWORD_VAR, "tokens", "list", "--format", "json",
                                       env={PASSWORD_VAR: "alice"}))
        self.assertIn("Bamboo", [g["application"] for g in grants])

    def test_session_with_a_wrong_password_is_refused(self):
        run = self.cli("--server", self.url, "--auth", "session", "--user", "bob", "--password-env",
                       PASSWORD_VAR, "probe", env={PASSWORD_VAR: "wrong"})
        self.assertFailsPlainly(run, AUTH)

    def test_oauth2_access_token_from_the_authorization_code_flow(self):
        client = self.create_client(unique("CLI test client"))
        tokens = self.tokens_for(client, "alice", scope="WRITE")
        self.assertEqual(self.whoami("--auth", "oauth2", "--token-env", TOKEN_VAR,
                                     env={TOKEN_VAR: tokens["access_token"]}), "alice")
        run = self.cli("--server", self.url, "--auth", "oauth2", "--token-env", TOKEN_VAR, "pat", "list",
                       "--format", "json", env={TOKEN_VAR: tokens["access_token"]})
        self.assertIn("ci-pipeline", [t["name"] for t in self.ok_json(run)])

    def test_oauth2_unknown_token_is_refused(self):
        run = self.cli("--server", self.url, "--auth", "oauth2", "--token-env", TOKEN_VAR, "probe",
                       env={TOKEN_VAR: "not-an-oauth2-token"})
        self.assertFailsPlainly(run, AUTH)

    # --- OAuth 1.0a ---

    def oauth1_access_token(self, user="alice"):
        oauth = OAuth1Session(CONSUMER_KEY, signature_method=SIGNATURE_RSA, rsa_key=self.rsa.private_pem,
                              callback_uri=CALLBACK)
        request_token = oauth.fetch_request_token(self.url + REQUEST_TOKEN)
        browser = browser_login(self.url, user)
        page = browser.get(self.url + AUTHORIZE, params={"oauth_token": request_token["oauth_token"]})
        self.assertEqual(page.status_code, 200, page.text)
        forms = Forms(page.text)
        reply = browser.post(self.url + AUTHORIZE, allow_redirects=False, data={
            "oauth_token": forms.inputs["oauth_token"], "atl_token": forms.inputs["atl_token"],
            "approve": "Allow"})
        self.assertEqual(reply.status_code, 302, reply.text)
        oauth.parse_authorization_response(reply.headers["Location"])
        return oauth.fetch_access_token(self.url + ACCESS_TOKEN)

    def private_key_file(self):
        path = os.path.join(self.home, "consumer.pem")
        with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as f:
            f.write(self.rsa.private_pem)
        return path

    def oauth1_args(self, key_file):
        return ("--auth", "oauth1", "--consumer-key", CONSUMER_KEY, "--private-key", key_file,
                "--oauth-token-env", OAUTH_TOKEN_VAR, "--oauth-secret-env", OAUTH_SECRET_VAR)

    def test_oauth1_access_token_from_the_dance(self):
        access = self.oauth1_access_token("alice")
        env = {OAUTH_TOKEN_VAR: access["oauth_token"], OAUTH_SECRET_VAR: access["oauth_token_secret"]}
        key_file = self.private_key_file()
        self.assertEqual(self.whoami(*self.oauth1_args(key_file), env=env), "alice")

        # The token value is a credential: it is never printed, not even by tokens list.
        run = self.cli("--server", self.url, *self.oauth1_args(key_file), "tokens", "list",
                       "--format", "json", env=env)
        grants = self.ok_json(run)
        self.assertIn("AccessDesk CLI tests", [g["application"] for g in grants])
        self.assertNotIn(access["oauth_token"], run.stdout)
        self.assertNotIn(access["oauth_token_secret"], run.stdout + run.stderr)

    def test_oauth1_token_revoked_with_the_cli_is_refused_afterwards(self):
        # trackersim lets a revoked token's signed requests through as anonymous (Jira may too):
        # the CLI must not then carry on as nobody.
        def listed():
            return {g["id"] for g in self.ok_json(self.alice("tokens", "list", "--format", "json"))}

        before = listed()
        access = self.oauth1_access_token("alice")
        new = listed() - before
        self.assertEqual(len(new), 1, "the dance made one new grant")
        env = {OAUTH_TOKEN_VAR: access["oauth_token"], OAUTH_SECRET_VAR: access["oauth_token_secret"]}
        args = self.oauth1_args(self.private_key_file())
        self.assertEqual(self.whoami(*args, env=env), "alice")
        self.assertExit(self.alice("tokens", "revoke", *new, "--yes"), OK)
        run = self.cli("--server", self.url, *args, "probe", "--format", "json", env=env)
        self.assertFailsPlainly(run, AUTH)
        run = self.cli("--server", self.url, *args, "tokens", "list", "--format", "json", env=env)
        self.assertFailsPlainly(run, AUTH)

    def test_oauth2_token_revoked_with_the_cli_is_refused_afterwards(self):
        name = unique("Revoked client")
        client = self.create_client(name)
        token = self.tokens_for(client, "alice", scope="WRITE")["access_token"]
        grant = next(g["id"] for g in self.ok_json(self.alice("tokens", "list", "--format", "json"))
                     if g["application"] == name)
        self.assertExit(self.alice("tokens", "revoke", grant, "--yes"), OK)
        run = self.cli("--server", self.url, "--auth", "oauth2", "--token-env", TOKEN_VAR, "probe",
                       env={TOKEN_VAR: token})
        self.assertFailsPlainly(run, AUTH)

    @needs_keychain
    def test_oauth1_profile_keeps_token_and_secret_in_the_keychain(self):
        access = self.oauth1_access_token("alice")
        self.private_key_file()
        name = unique("oauth1-profile")
        self.addCleanup(self.cli, "profiles", "remove", name)
        # A relative key file: the profile must still find it when used from another folder.
        added = self.cli("profiles", "add", name, "--server", self.url, *self.oauth1_args("consumer.pem"),
                         env={OAUTH_TOKEN_VAR: access["oauth_token"],
                              OAUTH_SECRET_VAR: access["oauth_token_secret"]})
        self.assertExit(added, OK)
        listed = next(p for p in self.ok_json(self.cli("profiles", "list", "--format", "json"))
                      if p["name"] == name)
        self.assertEqual(listed["auth"], "oauth1")
        run = self.cli("--profile", name, "probe", "--format", "json", cwd=os.path.dirname(self.home))
        self.assertEqual(self.ok_json(run)["user"]["name"], "alice")
        self.assertSecretNowhere(access["oauth_token"], [added, run])
        self.assertSecretNowhere(access["oauth_token_secret"], [added, run])

    @needs_keychain
    def test_oauth2_profile_keeps_the_access_token_in_the_keychain(self):
        client = self.create_client(unique("CLI profile client"))
        token = self.tokens_for(client, "alice", scope="WRITE")["access_token"]
        name = unique("oauth2-profile")
        self.addCleanup(self.cli, "profiles", "remove", name)
        added = self.cli("profiles", "add", name, "--server", self.url, "--auth", "oauth2",
                         "--client-id", client["clientId"], "--token-env", TOKEN_VAR, env={TOKEN_VAR: token})
        self.assertExit(added, OK)
        run = self.cli("--profile", name, "probe", "--format", "json")
        self.assertEqual(self.ok_json(run)["user"]["name"], "alice")
        self.assertSecretNowhere(token, [added, run])

    def test_oauth1_with_the_wrong_private_key_is_refused(self):
        access = self.oauth1_access_token("alice")
        other = RsaKey()
        path = os.path.join(self.home, "other.pem")
        with open(path, "w") as f:
            f.write(other.private_pem)
        run = self.cli("--server", self.url, *self.oauth1_args(path), "probe",
                       env={OAUTH_TOKEN_VAR: access["oauth_token"],
                            OAUTH_SECRET_VAR: access["oauth_token_secret"]})
        self.assertFailsPlainly(run, AUTH)

    def test_oauth1_unreadable_private_key_is_a_usage_error(self):
        run = self.cli("--server", self.url, *self.oauth1_args(os.path.join(self.home, "missing.pem")),
                       "probe", env={OAUTH_TOKEN_VAR: "t", OAUTH_SECRET_VAR: "s"})
        self.assertFailsPlainly(run, 2)


class ExpiredPat(CliTestCase):
    SIM_PER_TEST = True  # moves the server's clock

    def test_expired_pat_is_refused(self):
        token = self.ok_json(self.alice("pat", "create", unique("short"), "--days", "1", "--format", "json"))["token"]
        env = {TOKEN_VAR: token}
        self.assertExit(self.cli("--server", self.url, "--auth", "pat", "--token-env", TOKEN_VAR, "probe",
                                 env=env), OK)
        self.sim.advance_clock(2 * 86400)
        run = self.cli("--server", self.url, "--auth", "pat", "--token-env", TOKEN_VAR, "probe", env=env)
        self.assertFailsPlainly(run, AUTH)


if __name__ == "__main__":
    unittest.main()
