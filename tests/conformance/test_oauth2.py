"""Jira's OAuth 2.0 provider (spec section 6) with a plain Python HTTP client: authorization code
with and without PKCE, token refresh and revocation, expiry, metadata and scope capping."""
import os
import re
import sqlite3
import tempfile
import unittest

import requests

from oauth2flow import REDIRECT, OAuth2Steps, new_verifier, query_of, s256
from simharness import SimTestCase

HEX32 = re.compile(r"^[0-9a-f]{32}$")
HEX64 = re.compile(r"^[0-9a-f]{64}$")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


class AuthorizationCodeFlow(OAuth2Steps, SimTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        reply = requests.post(cls.url + "/rest/oauth2/latest/client", auth=("admin", "admin"),
                              json={"name": "Flow Client", "redirects": [REDIRECT], "scope": "ADMIN"})
        cls.client = reply.json()

    def test_admin_creates_a_client_with_generated_credentials(self):
        client = self.create_client("Created Here", scope="READ")
        self.assertRegex(client["id"], UUID)
        self.assertRegex(client["clientId"], HEX32)
        self.assertRegex(client["clientSecret"], HEX64)
        self.assertEqual(client["name"], "Created Here")
        self.assertEqual(client["redirects"], [REDIRECT])
        self.assertEqual(client["scope"], "READ")
        self.assertEqual(client["userKey"], "JIRAUSER10000")

    def test_pkce_s256_flow_gives_tokens_that_identify_the_user(self):
        verifier = new_verifier()
        code = self.authorization_code(self.client, scope="WRITE", challenge=s256(verifier), method="S256")
        reply = self.exchange(self.client, code, code_verifier=verifier)
        self.assertEqual(reply.status_code, 200, reply.text)
        self.assertEqual(reply.headers.get("Cache-Control"), "no-store")
        self.assertEqual(reply.headers.get("Pragma"), "no-cache")
        body = reply.json()
        self.assertEqual(set(body), {"access_token", "token_type", "expires_in", "refresh_token", "scope"})
        self.assertEqual(body["token_type"], "bearer")
        self.assertEqual(body["expires_in"], 3600)
        self.assertEqual(body["scope"], "WRITE")
        self.assertNotEqual(body["access_token"], body["refresh_token"])

        me = self.myself_with_bearer(body["access_token"])
        self.assertEqual(me.status_code, 200)
        self.assertEqual(me.json()["name"], "alice")
        # The access token also works as the password of a Basic header, whatever the user name.
        me = requests.get(self.url + "/rest/api/2/myself", auth=("whoever", body["access_token"]))
        self.assertEqual(me.status_code, 200)
        self.assertEqual(me.json()["name"], "alice")

        again = self.exchange(self.client, code, code_verifier=verifier)
        self.assertEqual(again.status_code, 400)
        self.assertEqual(again.json()["error"], "invalid_grant")

    def test_wrong_or_missing_verifier_is_an_invalid_grant(self):
        verifier = new_verifier()
        code = self.authorization_code(self.client, challenge=s256(verifier), method="S256")
        for extra in ({"code_verifier": new_verifier()}, {}):
            reply = self.exchange(self.client, code, **extra)
            self.assertEqual(reply.status_code, 400)
            self.assertEqual(reply.json()["error"], "invalid_grant")
            self.assertIn("error_description", reply.json())

    def test_plain_pkce(self):
        verifier = new_verifier()
        code = self.authorization_code(self.client, challenge=verifier, method="plain")
        self.assertEqual(self.exchange(self.client, code, code_verifier="x" + verifier).json()["error"],
                         "invalid_grant")
        reply = self.exchange(self.client, code, code_verifier=verifier)
        self.assertEqual(reply.status_code, 200, reply.text)

    def test_code_without_pkce_needs_matching_redirect_and_secret(self):
        code = self.authorization_code(self.client)
        wrong_redirect = self.token_request(self.client, grant_type="authorization_code", code=code,
                                            redirect_uri="http://localhost:8765/other")
        self.assertEqual(wrong_redirect.status_code, 400)
        self.assertEqual(wrong_redirect.json()["error"], "invalid_grant")
        bad_secret = dict(self.client, clientSecret="0" * 64)
        reply = self.exchange(bad_secret, code)
        self.assertEqual(reply.status_code, 401)
        self.assertEqual(reply.json()["error"], "invalid_client")
        self.assertEqual(self.exchange(self.client, code).status_code, 200)

    def test_token_endpoint_errors(self):
        reply = self.token_request(self.client, grant_type="client_credentials")
        self.assertEqual((reply.status_code, reply.json()["error"]), (400, "unsupported_grant_type"))
        reply = self.token_request(self.client)
        self.assertEqual((reply.status_code, reply.json()["error"]), (400, "invalid_request"))
        reply = self.token_request(self.client, grant_type="authorization_code", redirect_uri=REDIRECT)
        self.assertEqual((reply.status_code, reply.json()["error"]), (400, "invalid_request"))
        reply = self.token_request(self.client, grant_type="refresh_token", refresh_token="nonsense")
        self.assertEqual((reply.status_code, reply.json()["error"]), (400, "invalid_grant"))

    def test_json_body_to_token_endpoint_is_a_server_error(self):
        reply = requests.post(self.url + "/rest/oauth2/latest/token", headers={"Accept": "application/json"},
                              json={"grant_type": "authorization_code", "client_id": self.client["clientId"]})
        self.assertEqual(reply.status_code, 500)
        self.assertIn("@FormParam", reply.text)

    def test_refresh_rotates_both_tokens(self):
        first = self.tokens_for(self.client)
        reply = self.token_request(self.client, grant_type="refresh_token", refresh_token=first["refresh_token"])
        self.assertEqual(reply.status_code, 200, reply.text)
        second = reply.json()
        self.assertEqual(second["scope"], "WRITE")
        self.assertNotEqual(second["access_token"], first["access_token"])
        self.assertNotEqual(second["refresh_token"], first["refresh_token"])
        self.assertEqual(self.myself_with_bearer(second["access_token"]).status_code, 200)
        self.assertEqual(self.myself_with_bearer(first["access_token"]).status_code, 401)
        old = self.token_request(self.client, grant_type="refresh_token", refresh_token=first["refresh_token"])
        self.assertEqual((old.status_code, old.json()["error"]), (400, "invalid_grant"))

    def test_revoking_the_refresh_token_revokes_its_access_token(self):
        tokens = self.tokens_for(self.client)
        reply = requests.post(self.url + "/rest/oauth2/latest/revoke",
                              data={"token": tokens["refresh_token"], "token_type_hint": "refresh_token",
                                    "client_id": self.client["clientId"],
                                    "client_secret": self.client["clientSecret"]})
        self.assertEqual(reply.status_code, 200)
        self.assertEqual(reply.content, b"")
        # A revoked token is not an error of its own: the call simply runs anonymously.
        self.assertEqual(self.myself_with_bearer(tokens["access_token"]).status_code, 401)
        refresh = self.token_request(self.client, grant_type="refresh_token",
                                     refresh_token=tokens["refresh_token"])
        self.assertEqual(refresh.json()["error"], "invalid_grant")

    def test_revoking_the_access_token_and_bad_hints(self):
        tokens = self.tokens_for(self.client)
        form = {"token": tokens["access_token"], "client_id": self.client["clientId"],
                "client_secret": self.client["clientSecret"]}
        bad = requests.post(self.url + "/rest/oauth2/latest/revoke", data=dict(form, token_type_hint="id_token"))
        self.assertEqual((bad.status_code, bad.json()["error"]), (400, "unsupported_token_type"))
        self.assertEqual(self.myself_with_bearer(tokens["access_token"]).status_code, 200)
        self.assertEqual(requests.post(self.url + "/rest/oauth2/latest/revoke", data=form).status_code, 200)
        self.assertEqual(self.myself_with_bearer(tokens["access_token"]).status_code, 401)
        refresh = self.token_request(self.client, grant_type="refresh_token",
                                     refresh_token=tokens["refresh_token"])
        self.assertEqual(refresh.json()["error"], "invalid_grant")

    def test_user_scope_caps_what_the_client_gets(self):
        browser = self.browser("alice")
        page, fields = self.consent_form(browser, self.authorize_params(self.client, scope="ADMIN"))
        self.assertIn("Flow Client", page.text)
        self.assertIn('<strong id="scope">WRITE</strong>', page.text)
        code = self.decide(browser, fields)["code"]
        tokens = self.exchange(self.client, code).json()
        self.assertEqual(tokens["scope"], "WRITE")
        # An administrator asking for the same gets what was asked.
        self.assertEqual(self.tokens_for(self.client, user="admin", scope="ADMIN")["scope"], "ADMIN")

    def test_denial_returns_access_denied_to_the_client(self):
        browser = self.browser("bob")
        _, fields = self.consent_form(browser, self.authorize_params(self.client, state="deny-me"))
        self.assertEqual(self.decide(browser, fields, approve=False),
                         {"error": "access_denied", "state": "deny-me"})

    def test_consent_form_needs_the_atl_token(self):
        browser = self.browser("alice")
        _, fields = self.consent_form(browser, self.authorize_params(self.client))
        self.assertIn("atl_token", fields)
        fields["atl_token"] = "forged"
        fields["approve"] = "Allow"
        reply = browser.post(self.url + "/plugins/servlet/oauth2/consent", data=fields, allow_redirects=False)
        self.assertEqual(reply.status_code, 403)
        self.assertIn("text/html", reply.headers["Content-Type"])

    def test_anonymous_consent_goes_to_login_first(self):
        params = self.authorize_params(self.client)
        reply = requests.get(self.url + "/rest/oauth2/latest/authorize", params=params, allow_redirects=False)
        self.assertEqual(reply.status_code, 303)
        consent = requests.get(reply.headers["Location"], allow_redirects=False)
        self.assertEqual(consent.status_code, 302)
        login = consent.headers["Location"]
        self.assertTrue(login.startswith(self.url + "/login.jsp?os_destination="), login)
        destination = query_of(login)["os_destination"]
        self.assertTrue(destination.startswith("/plugins/servlet/oauth2/consent?"), destination)
        self.assertEqual(query_of(destination)["client_id"], self.client["clientId"])
        # Logging in through the form lands back on the consent page.
        s = requests.Session()
        self.addCleanup(s.close)
        back = s.post(self.url + "/login.jsp", allow_redirects=False,
                      data={"os_username": "alice", "os_password": "alice", "os_destination": destination})
        self.assertEqual(back.headers["Location"], self.url + destination)
        self.assertIn("Flow Client", s.get(back.headers["Location"]).text)

    def test_consent_with_basic_auth(self):
        reply = requests.get(self.url + "/plugins/servlet/oauth2/consent", auth=("alice", "alice"),
                             params=self.authorize_params(self.client), allow_redirects=False)
        self.assertEqual(reply.status_code, 200)
        self.assertIn('name="atl_token"', reply.text)

    def test_invalid_authorization_requests_go_to_the_error_page(self):
        good = self.authorize_params(self.client)
        cases = [
            (dict(good, client_id="0" * 32), "invalid_request"),
            (dict(good, redirect_uri="http://localhost:9999/elsewhere"), "invalid_request"),
            (dict(good, response_type="token"), "unsupported_response_type"),
            (dict(good, scope="read:jira-work"), "invalid_scope"),
            (dict(good, code_challenge="abc", code_challenge_method="S512"), "invalid_request"),
        ]
        for params, error in cases:
            with self.subTest(error=error, params=params):
                reply = requests.get(self.url + "/rest/oauth2/latest/authorize", params=params,
                                     allow_redirects=False)
                self.assertEqual(reply.status_code, 303)
                self.assertEqual(reply.headers.get("Cache-Control"), "no-store")
                location = reply.headers["Location"]
                self.assertTrue(location.startswith(self.url + "/plugins/servlet/oauth2/error?"), location)
                self.assertEqual(query_of(location)["errorName"], error)
                self.assertTrue(query_of(location)["errorDescription"])
                page = requests.get(location)
                self.assertEqual(page.status_code, 200)
                self.assertIn(error, page.text)

    def test_scope_above_the_clients_is_refused(self):
        client = self.create_client("Read Only Client", scope="READ")
        reply = requests.get(self.url + "/rest/oauth2/latest/authorize",
                             params=self.authorize_params(client, scope="WRITE"), allow_redirects=False)
        self.assertEqual(query_of(reply.headers["Location"])["errorName"], "invalid_scope")

    def test_metadata(self):
        reply = requests.get(self.url + "/rest/oauth2/latest/.well-known/oauth-authorization-server")
        self.assertEqual(reply.status_code, 200)
        meta = reply.json()
        base = self.url + "/rest/oauth2/latest"
        self.assertEqual(meta["issuer"], self.url)
        self.assertEqual(meta["authorization_endpoint"], base + "/authorize")
        self.assertEqual(meta["token_endpoint"], base + "/token")
        self.assertEqual(meta["revocation_endpoint"], base + "/revoke")
        self.assertEqual(meta["scopes_supported"], ["READ", "WRITE", "ADMIN", "SYSTEM_ADMIN"])
        self.assertEqual(meta["response_types_supported"], ["code"])
        self.assertEqual(meta["response_modes_supported"], ["query"])
        self.assertEqual(meta["grant_types_supported"], ["authorization_code"])
        self.assertEqual(meta["token_endpoint_auth_methods_supported"], ["client_secret_post"])
        self.assertEqual(meta["revocation_endpoint_auth_methods_supported"], ["client_secret_post"])


class RevokeById(OAuth2Steps, SimTestCase):
    """Revocation by token id, as the user's access-tokens page does it. The test reads the id from
    trackersim's database file: the token endpoint never reveals it."""

    @classmethod
    def setUpClass(cls):
        cls.directory = tempfile.TemporaryDirectory()
        cls.database = os.path.join(cls.directory.name, "sim.db")
        cls.SIM_ARGS = ("--data", cls.database)
        super().setUpClass()
        cls.client = requests.post(cls.url + "/rest/oauth2/latest/client", auth=("admin", "admin"),
                                   json={"name": "Revocable", "redirects": [REDIRECT], "scope": "WRITE"}).json()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls.directory.cleanup()

    def token_ids(self):
        with sqlite3.connect("file:%s?mode=ro" % self.database, uri=True) as db:
            rows = db.execute("SELECT id FROM oauth2_tokens WHERE client_id = ? ORDER BY created_at",
                              (self.client["clientId"],)).fetchall()
        return [row[0] for row in rows]

    def revoke(self, token_id, user, **headers):
        return requests.post(self.url + "/rest/oauth2/latest/revoke/" + token_id, auth=(user, user),
                             headers=dict({"X-Atlassian-Token": "no-check"}, **headers))

    def test_owner_revokes_and_others_are_refused(self):
        tokens = self.tokens_for(self.client)
        token_id = self.token_ids()[-1]
        refused = self.revoke(token_id, "bob")
        self.assertEqual(refused.status_code, 400)
        self.assertEqual(refused.json()["error"], "invalid_request")
        self.assertEqual(self.myself_with_bearer(tokens["access_token"]).status_code, 200)

        # Without a body the XSRF rule wants the no-check header (or a JSON content type).
        no_header = requests.post(self.url + "/rest/oauth2/latest/revoke/" + token_id, auth=("alice", "alice"))
        self.assertEqual(no_header.status_code, 403)

        self.assertEqual(self.revoke(token_id, "alice").status_code, 200)
        self.assertEqual(self.myself_with_bearer(tokens["access_token"]).status_code, 401)
        self.assertNotIn(token_id, self.token_ids())
        unknown = self.revoke(token_id, "alice")
        self.assertEqual((unknown.status_code, unknown.json()["error"]), (400, "invalid_request"))

    def test_sysadmin_revokes_any_token(self):
        tokens = self.tokens_for(self.client, user="bob")
        token_id = self.token_ids()[-1]
        self.assertEqual(self.revoke(token_id, "admin").status_code, 200)
        self.assertEqual(self.myself_with_bearer(tokens["access_token"]).status_code, 401)

    def test_deleting_the_client_ends_its_tokens(self):
        client = self.create_client("Short Lived", scope="WRITE")
        tokens = self.tokens_for(client)
        deleted = requests.delete(self.url + "/rest/oauth2/latest/client/" + client["id"], auth=("admin", "admin"))
        self.assertEqual(deleted.status_code, 200)
        self.assertEqual(deleted.json()["clientId"], client["clientId"])
        self.assertEqual(self.myself_with_bearer(tokens["access_token"]).status_code, 401)

    def test_signing_key_reset_invalidates_every_token(self):
        tokens = self.tokens_for(self.client)
        alice = requests.post(self.url + "/rest/oauth2/latest/token/jwt/reset", auth=("alice", "alice"),
                              headers={"X-Atlassian-Token": "no-check"})
        self.assertEqual(alice.status_code, 401)
        self.assertEqual(self.myself_with_bearer(tokens["access_token"]).status_code, 200)
        reply = requests.post(self.url + "/rest/oauth2/latest/token/jwt/reset", auth=("admin", "admin"),
                              headers={"X-Atlassian-Token": "no-check"})
        self.assertEqual(reply.status_code, 204)
        self.assertEqual(self.myself_with_bearer(tokens["access_token"]).status_code, 401)
        self.assertEqual(self.token_ids(), [])


class TokenLifetimes(OAuth2Steps, SimTestCase):
    """Moves the server clock, so it has an instance of its own."""

    def test_access_token_expires_after_an_hour_but_refresh_still_works(self):
        client = self.create_client("Clock Client", scope="WRITE")
        tokens = self.tokens_for(client)
        self.sim.advance_clock(3601)
        self.assertEqual(self.myself_with_bearer(tokens["access_token"]).status_code, 401)
        reply = self.token_request(client, grant_type="refresh_token", refresh_token=tokens["refresh_token"])
        self.assertEqual(reply.status_code, 200, reply.text)
        self.assertEqual(self.myself_with_bearer(reply.json()["access_token"]).status_code, 200)

    def test_codes_live_ten_minutes(self):
        client = self.create_client("Slow Client", scope="WRITE")
        code = self.authorization_code(client)
        self.sim.advance_clock(601)
        reply = self.exchange(client, code)
        self.assertEqual((reply.status_code, reply.json()["error"]), (400, "invalid_grant"))


class WithoutOAuth2(SimTestCase):
    SIM_ARGS = ("--no-oauth2",)

    def test_the_provider_is_missing(self):
        for path in ("/rest/oauth2/latest/.well-known/oauth-authorization-server", "/rest/oauth2/latest/client"):
            reply = requests.get(self.url + path, auth=("admin", "admin"))
            self.assertEqual(reply.status_code, 404, path)
        token = requests.post(self.url + "/rest/oauth2/latest/token", data={"grant_type": "authorization_code"})
        self.assertEqual(token.status_code, 404)


if __name__ == "__main__":
    unittest.main()
