"""The OAuth 1.0a dance against trackersim with Debian's python3-requests-oauthlib as the consumer
(spec 4.5, 5): request token, the authorize page, access token, signed REST calls, revocation."""
import re
import time
import unittest
import warnings
from urllib.parse import parse_qs, quote, urlsplit

import requests
from oauthlib.oauth1 import SIGNATURE_RSA
from requests_oauthlib import OAuth1, OAuth1Session

from oauth1help import (ACCESS_TOKEN, ACCESS_TOKENS_PAGE, AUTHORIZE, REQUEST_TOKEN, REVOKE, Forms,
                        RsaKey, admin_session, browser_login, consumer_url, create_generic_link)
from simharness import SimTestCase

KEY = "desktop-admin-client"
NAME = "Desktop Admin Client"
CALLBACK = "http://127.0.0.1:8765/oauth/callback"
FIVE_YEARS = 157680000
FIVE_YEARS_AND_30_DAYS = FIVE_YEARS + 30 * 86400


def problem_of(reply):
    """The E7 body as a dict of single values."""
    return {k: v[0] for k, v in parse_qs(reply.text).items()}


class DanceTestCase(SimTestCase):
    """A generic link whose incoming consumer holds a fresh RSA key, made as an admin would."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rsa = RsaKey()
        cls.link_id = create_generic_link(cls.url, NAME, "http://desk.example.test")
        reply = admin_session().put(consumer_url(cls.url, cls.link_id), json={
            "key": KEY, "name": NAME, "description": "Desktop admin tool https://tools.example.com",
            "publicKey": cls.rsa.public_pem})
        assert reply.status_code == 201, reply.text

    def setUp(self):
        # requests sessions are left to the garbage collector; their sockets are not the subject.
        warnings.simplefilter("ignore", ResourceWarning)

    def consumer(self, **kwargs):
        return OAuth1Session(KEY, signature_method=SIGNATURE_RSA, rsa_key=self.rsa.private_pem, **kwargs)

    def signed(self, **kwargs):
        rsa_key = kwargs.pop("rsa_key", self.rsa.private_pem)
        return OAuth1(KEY, signature_method=SIGNATURE_RSA, rsa_key=rsa_key, **kwargs)

    def authorize_page(self, browser, oauth_token):
        reply = browser.get(self.url + AUTHORIZE, params={"oauth_token": oauth_token}, allow_redirects=False)
        self.assertEqual(reply.status_code, 200, reply.text)
        return reply, Forms(reply.text)

    def decide(self, browser, oauth_token, choice):
        _, forms = self.authorize_page(browser, oauth_token)
        self.assertEqual(forms.inputs["oauth_token"], oauth_token)
        return browser.post(self.url + AUTHORIZE, allow_redirects=False, data={
            "oauth_token": forms.inputs["oauth_token"], "atl_token": forms.inputs["atl_token"],
            choice: "Allow" if choice == "approve" else "Deny"})

    def dance(self, user="alice"):
        """Runs steps 1–3 with a callback; returns the session and the access-token reply."""
        oauth = self.consumer(callback_uri=CALLBACK)
        request_token = oauth.fetch_request_token(self.url + REQUEST_TOKEN)
        reply = self.decide(browser_login(self.url, user), request_token["oauth_token"], "approve")
        self.assertEqual(reply.status_code, 302)
        oauth.parse_authorization_response(reply.headers["Location"])
        access = oauth.fetch_access_token(self.url + ACCESS_TOKEN)
        return oauth, access


class FullDance(DanceTestCase):
    """Alice's only token for the consumer is made and revoked here (its own trackersim)."""

    def test_dance_signed_calls_and_revocation_through_the_tokens_page(self):
        oauth = self.consumer(callback_uri=CALLBACK)
        request_token = oauth.fetch_request_token(self.url + REQUEST_TOKEN)
        self.assertEqual(request_token["oauth_callback_confirmed"], "true")

        alice = browser_login(self.url, "alice")
        page, forms = self.authorize_page(alice, request_token["oauth_token"])
        self.assertIn("Request for Access", page.text)
        self.assertEqual(forms.ids["consumer-name"], NAME)
        self.assertIn("Desktop admin tool https://tools.example.com", forms.ids["consumer-description"])
        self.assertIn("read and write", forms.ids["oauth-permissions"])
        self.assertEqual(page.headers["X-Frame-Options"], "SAMEORIGIN")
        self.assertIn("approve", forms.inputs)
        self.assertIn("deny", forms.inputs)

        reply = alice.post(self.url + AUTHORIZE, allow_redirects=False, data={
            "oauth_token": forms.inputs["oauth_token"], "atl_token": forms.inputs["atl_token"], "approve": "Allow"})
        self.assertEqual(reply.status_code, 302)
        location = reply.headers["Location"]
        self.assertTrue(location.startswith(CALLBACK + "?"), location)
        query = parse_qs(urlsplit(location).query)
        self.assertEqual(query["oauth_token"], [request_token["oauth_token"]])
        self.assertRegex(query["oauth_verifier"][0], r"^[A-Za-z0-9]{6}$")

        oauth.parse_authorization_response(location)
        access = oauth.fetch_access_token(self.url + ACCESS_TOKEN)
        self.assertNotEqual(access["oauth_token"], request_token["oauth_token"])

        json = {"Accept": "application/json"}
        issue = oauth.get(self.url + "/rest/api/2/issue/SEC-1", headers=json)
        self.assertEqual(issue.status_code, 200, issue.text)
        self.assertEqual(issue.json()["key"], "SEC-1")
        self.assertEqual(oauth.get(self.url + "/rest/api/2/myself", headers=json).json()["name"], "alice")

        page = alice.get(self.url + ACCESS_TOKENS_PAGE)
        self.assertEqual(page.status_code, 200)
        rows = [row for row in Forms(page.text).rows if row["cells"]["consumer-name"] == NAME]
        self.assertEqual(len(rows), 1)
        row = rows[0]
        self.assertEqual(row["token"], access["oauth_token"])
        self.assertEqual(row["inputs"]["token"], access["oauth_token"])
        self.assertEqual(row["links"], ["https://tools.example.com"])
        self.assertRegex(row["cells"]["issued-on"], r"^\d\d/[A-Z][a-z]{2}/\d\d \d{1,2}:\d\d [AP]M$")

        revoked = alice.post(self.url + REVOKE, data={"token": row["inputs"]["token"],
                                                      "atl_token": row["inputs"]["atl_token"]})
        self.assertEqual(revoked.status_code, 200)
        self.assertEqual(revoked.content, b"")

        issue = oauth.get(self.url + "/rest/api/2/issue/SEC-1", headers=json)
        self.assertEqual(issue.status_code, 404)
        self.assertIn('oauth_problem="token_rejected"', issue.headers["WWW-Authenticate"])
        projects = oauth.get(self.url + "/rest/api/2/project", headers=json)
        self.assertEqual([p["key"] for p in projects.json()], ["PUB"])
        self.assertIn('oauth_problem="token_rejected"', projects.headers["WWW-Authenticate"])
        self.assertNotIn(NAME, alice.get(self.url + ACCESS_TOKENS_PAGE).text)


class DanceVariants(DanceTestCase):
    def test_access_token_reply_carries_lifetimes_and_renews_with_the_session_handle(self):
        oauth, access = self.dance()
        self.assertEqual(access["oauth_expires_in"], str(FIVE_YEARS))
        self.assertEqual(access["oauth_authorization_expires_in"], str(FIVE_YEARS_AND_30_DAYS))
        handle = access["oauth_session_handle"]

        wrong = requests.post(self.url + ACCESS_TOKEN, params={"oauth_session_handle": "nope"}, auth=self.signed(
            resource_owner_key=access["oauth_token"], resource_owner_secret=access["oauth_token_secret"]))
        self.assertEqual(wrong.status_code, 401)
        self.assertEqual(problem_of(wrong)["oauth_problem"], "token_rejected")

        renewed = requests.post(self.url + ACCESS_TOKEN, params={"oauth_session_handle": handle}, auth=self.signed(
            resource_owner_key=access["oauth_token"], resource_owner_secret=access["oauth_token_secret"]))
        self.assertEqual(renewed.status_code, 200, renewed.text)
        fresh = problem_of(renewed)
        self.assertEqual(fresh["oauth_session_handle"], handle)
        self.assertNotEqual(fresh["oauth_token"], access["oauth_token"])
        me = requests.get(self.url + "/rest/api/2/myself", headers={"Accept": "application/json"}, auth=self.signed(
            resource_owner_key=fresh["oauth_token"], resource_owner_secret=fresh["oauth_token_secret"]))
        self.assertEqual(me.json()["name"], "alice")
        old = oauth.get(self.url + "/rest/api/2/myself", headers={"Accept": "application/json"})
        self.assertEqual(old.status_code, 401)
        self.assertIn('oauth_problem="token_rejected"', old.headers["WWW-Authenticate"])

    def test_deny_sends_denied_verifier_and_access_token_is_refused(self):
        oauth = self.consumer(callback_uri=CALLBACK)
        request_token = oauth.fetch_request_token(self.url + REQUEST_TOKEN)
        reply = self.decide(browser_login(self.url, "alice"), request_token["oauth_token"], "deny")
        self.assertEqual(reply.status_code, 302)
        query = parse_qs(urlsplit(reply.headers["Location"]).query)
        self.assertEqual(query["oauth_verifier"], ["denied"])
        exchange = requests.post(self.url + ACCESS_TOKEN, auth=self.signed(
            resource_owner_key=request_token["oauth_token"], resource_owner_secret=request_token["oauth_token_secret"],
            verifier="denied"))
        self.assertEqual(exchange.status_code, 401)
        self.assertEqual(problem_of(exchange)["oauth_problem"], "permission_denied")

    def test_oob_shows_the_verifier_on_a_page(self):
        oauth = self.consumer(callback_uri="oob")
        request_token = oauth.fetch_request_token(self.url + REQUEST_TOKEN)
        self.assertEqual(request_token["oauth_callback_confirmed"], "true")
        reply = self.decide(browser_login(self.url, "bob"), request_token["oauth_token"], "approve")
        self.assertEqual(reply.status_code, 200)
        verifier = Forms(reply.text).ids["oauth-verifier"]
        self.assertRegex(verifier, r"^[A-Za-z0-9]{6}$")
        oauth._client.client.verifier = verifier
        oauth.fetch_access_token(self.url + ACCESS_TOKEN)
        me = oauth.get(self.url + "/rest/api/2/myself", headers={"Accept": "application/json"})
        self.assertEqual(me.json()["name"], "bob")

    def test_oauth_10_token_without_callback_needs_no_verifier(self):
        reply = requests.post(self.url + REQUEST_TOKEN, auth=self.signed())
        self.assertEqual(reply.status_code, 200)
        token = problem_of(reply)
        self.assertNotIn("oauth_callback_confirmed", token)
        page = self.decide(browser_login(self.url, "alice"), token["oauth_token"], "approve")
        self.assertEqual(page.status_code, 200)
        self.assertIn("close this window", page.text)
        exchange = requests.post(self.url + ACCESS_TOKEN, auth=self.signed(
            resource_owner_key=token["oauth_token"], resource_owner_secret=token["oauth_token_secret"]))
        self.assertEqual(exchange.status_code, 200, exchange.text)
        self.assertIn("oauth_session_handle", problem_of(exchange))

    def test_wrong_verifier_and_unapproved_token_are_refused(self):
        oauth = self.consumer(callback_uri=CALLBACK)
        request_token = oauth.fetch_request_token(self.url + REQUEST_TOKEN)
        auth = dict(resource_owner_key=request_token["oauth_token"],
                    resource_owner_secret=request_token["oauth_token_secret"], verifier="AAAAAA")
        early = requests.post(self.url + ACCESS_TOKEN, auth=self.signed(**auth))
        self.assertEqual(early.status_code, 401)
        self.assertEqual(problem_of(early)["oauth_problem"], "permission_unknown")
        self.decide(browser_login(self.url, "alice"), request_token["oauth_token"], "approve")
        wrong = requests.post(self.url + ACCESS_TOKEN, auth=self.signed(**auth))
        self.assertEqual(wrong.status_code, 401)
        self.assertEqual(problem_of(wrong)["oauth_problem"], "token_rejected")


class AuthorizePage(DanceTestCase):
    def request_token(self):
        return self.consumer(callback_uri=CALLBACK).fetch_request_token(self.url + REQUEST_TOKEN)["oauth_token"]

    def test_anonymous_is_sent_to_login_and_back(self):
        token = self.request_token()
        reply = requests.get(self.url + AUTHORIZE, params={"oauth_token": token}, allow_redirects=False)
        self.assertEqual(reply.status_code, 302)
        expected = "/login.jsp?os_destination=" + quote(AUTHORIZE + "?oauth_token=" + token, safe="")
        self.assertEqual(reply.headers["Location"], self.url + expected)

    def test_basic_auth_user_sees_the_page(self):
        reply = requests.get(self.url + AUTHORIZE, params={"oauth_token": self.request_token()}, auth=("bob", "bob"))
        self.assertEqual(reply.status_code, 200)
        self.assertIn("Request for Access", reply.text)

    def test_post_without_valid_atl_token_is_refused(self):
        token = self.request_token()
        alice = browser_login(self.url, "alice")
        for atl_token in (None, "wrong|lin"):
            data = {"oauth_token": token, "approve": "Allow"}
            if atl_token:
                data["atl_token"] = atl_token
            reply = alice.post(self.url + AUTHORIZE, data=data, allow_redirects=False)
            self.assertEqual(reply.status_code, 403)
            self.assertIn("Xsrf token validation failed", reply.text)
        self.assertEqual(self.decide(alice, token, "approve").status_code, 302)

    def test_unknown_and_used_tokens_get_an_error_page_and_challenge(self):
        alice = browser_login(self.url, "alice")
        reply = alice.get(self.url + AUTHORIZE, params={"oauth_token": "no-such-token"})
        self.assertEqual(reply.status_code, 401)
        self.assertTrue(reply.headers["Content-Type"].startswith("text/html"))
        self.assertIn('oauth_problem="token_rejected"', reply.headers["WWW-Authenticate"])
        token = self.request_token()
        self.decide(alice, token, "approve")
        again = alice.get(self.url + AUTHORIZE, params={"oauth_token": token})
        self.assertEqual(again.status_code, 401)
        self.assertIn('oauth_problem="token_used"', again.headers["WWW-Authenticate"])


class ProblemReports(DanceTestCase):
    def assertProblem(self, reply, status, problem):
        self.assertEqual(reply.status_code, status, reply.text)
        self.assertEqual(problem_of(reply)["oauth_problem"], problem)
        self.assertIn(f'oauth_problem="{problem}"', reply.headers["WWW-Authenticate"])
        self.assertIn(f'realm="{self.url}"', reply.headers["WWW-Authenticate"])

    def test_unknown_consumer(self):
        auth = OAuth1("no-such-consumer", signature_method=SIGNATURE_RSA, rsa_key=self.rsa.private_pem)
        self.assertProblem(requests.post(self.url + REQUEST_TOKEN, auth=auth), 401, "consumer_key_unknown")

    def test_signature_with_another_key(self):
        reply = requests.post(self.url + REQUEST_TOKEN, auth=self.signed(rsa_key=RsaKey().private_pem))
        self.assertProblem(reply, 401, "signature_invalid")
        self.assertIn("oauth_signature_base_string", problem_of(reply))

    def test_stale_timestamp(self):
        reply = requests.post(self.url + REQUEST_TOKEN, auth=self.signed(timestamp=str(int(time.time()) - 3600)))
        # net.oauth maps timestamp_refused to 400 on the dance servlets.
        self.assertProblem(reply, 400, "timestamp_refused")
        self.assertRegex(problem_of(reply)["oauth_acceptable_timestamps"], r"^\d+-\d+$")

    def test_replayed_nonce(self):
        stamp = str(int(time.time()))
        first = requests.post(self.url + REQUEST_TOKEN, auth=self.signed(nonce="fixed-nonce-1", timestamp=stamp))
        self.assertEqual(first.status_code, 200, first.text)
        replay = requests.post(self.url + REQUEST_TOKEN, auth=self.signed(nonce="fixed-nonce-1", timestamp=stamp))
        self.assertProblem(replay, 401, "nonce_used")

    def test_bad_callback_is_rejected(self):
        reply = requests.post(self.url + REQUEST_TOKEN, auth=self.signed(callback_uri="ftp://example.test/cb"))
        self.assertProblem(reply, 400, "parameter_rejected")
        self.assertEqual(problem_of(reply)["oauth_parameters_rejected"], "oauth_callback")

    def test_signed_rest_call_with_unknown_token_falls_back_to_anonymous(self):
        reply = requests.get(self.url + "/rest/api/2/project", headers={"Accept": "application/json"},
                             auth=self.signed(resource_owner_key="unknown", resource_owner_secret="x"))
        self.assertEqual(reply.status_code, 200)
        self.assertEqual([p["key"] for p in reply.json()], ["PUB"])
        self.assertIn('oauth_problem="token_rejected"', reply.headers["WWW-Authenticate"])


class ExpiredRequestToken(DanceTestCase):
    def test_request_token_expires_after_ten_minutes(self):
        oauth = self.consumer(callback_uri=CALLBACK)
        request_token = oauth.fetch_request_token(self.url + REQUEST_TOKEN)
        alice = browser_login(self.url, "alice")
        _, forms = self.authorize_page(alice, request_token["oauth_token"])
        self.sim.advance_clock(11 * 60)
        page = alice.get(self.url + AUTHORIZE, params={"oauth_token": request_token["oauth_token"]})
        self.assertEqual(page.status_code, 401)
        self.assertIn('oauth_problem="token_expired"', page.headers["WWW-Authenticate"])
        exchange = requests.post(self.url + ACCESS_TOKEN, auth=self.signed(
            resource_owner_key=request_token["oauth_token"], resource_owner_secret=request_token["oauth_token_secret"],
            verifier="AAAAAA"))
        self.assertEqual(exchange.status_code, 401)
        self.assertEqual(problem_of(exchange)["oauth_problem"], "token_expired")
        self.assertTrue(re.match(r"^[0-9a-f]{40}\|lin$", forms.inputs["atl_token"]))


if __name__ == "__main__":
    unittest.main()
