"""The browser half of Jira's OAuth 2.0 authorization-code flow, driven with plain requests.

A user logs in through /login.jsp, follows the 303 from /rest/oauth2/latest/authorize to the
consent servlet, reads the form's hidden fields (atl_token included) and approves or denies.
"""
import base64
import hashlib
import html
import os
import re
import urllib.parse

import requests

REDIRECT = "http://localhost:8765/callback"
HIDDEN_FIELD = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


def new_verifier():
    return base64.urlsafe_b64encode(os.urandom(32)).rstrip(b"=").decode()


def s256(verifier):
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def query_of(location):
    return dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).query))


class OAuth2Steps:
    """Mixin for SimTestCase subclasses."""

    def create_client(self, name, scope="ADMIN", redirects=(REDIRECT,)):
        reply = requests.post(self.url + "/rest/oauth2/latest/client", auth=("admin", "admin"),
                              json={"name": name, "redirects": list(redirects), "scope": scope})
        self.assertEqual(reply.status_code, 200, reply.text)
        return reply.json()

    def browser(self, user):
        """A logged-in cookie session, as a user's browser would have."""
        s = requests.Session()
        self.addCleanup(s.close)
        s.headers["User-Agent"] = "conformance-tests/1.0"
        reply = s.post(self.url + "/login.jsp", data={"os_username": user, "os_password": user},
                       allow_redirects=False)
        self.assertEqual(reply.status_code, 302)
        return s

    def authorize_params(self, client, scope="WRITE", state="st-42", challenge=None, method=None):
        params = {"client_id": client["clientId"], "redirect_uri": REDIRECT, "response_type": "code",
                  "scope": scope, "state": state}
        if challenge is not None:
            params["code_challenge"] = challenge
        if method is not None:
            params["code_challenge_method"] = method
        return params

    def consent_form(self, browser, params):
        """Follows the authorize redirect; returns the consent page and its hidden fields."""
        reply = browser.get(self.url + "/rest/oauth2/latest/authorize", params=params, allow_redirects=False)
        self.assertEqual(reply.status_code, 303)
        self.assertEqual(reply.headers.get("Cache-Control"), "no-store")
        location = reply.headers["Location"]
        self.assertTrue(location.startswith(self.url + "/plugins/servlet/oauth2/consent?"), location)
        page = browser.get(location, allow_redirects=False)
        self.assertEqual(page.status_code, 200)
        fields = {name: html.unescape(value) for name, value in HIDDEN_FIELD.findall(page.text)}
        return page, fields

    def decide(self, browser, fields, approve=True):
        """Submits the consent form; returns the query of the redirect back to the client."""
        data = dict(fields)
        data["approve" if approve else "deny"] = "Allow" if approve else "Deny"
        reply = browser.post(self.url + "/plugins/servlet/oauth2/consent", data=data, allow_redirects=False)
        self.assertEqual(reply.status_code, 302, reply.text)
        location = reply.headers["Location"]
        self.assertTrue(location.startswith(REDIRECT + "?"), location)
        return query_of(location)

    def authorization_code(self, client, user="alice", **kwargs):
        browser = self.browser(user)
        _, fields = self.consent_form(browser, self.authorize_params(client, **kwargs))
        answer = self.decide(browser, fields)
        self.assertEqual(answer.get("state"), kwargs.get("state", "st-42"))
        return answer["code"]

    def token_request(self, client, **fields):
        form = {"client_id": client["clientId"], "client_secret": client["clientSecret"]}
        form.update(fields)
        return requests.post(self.url + "/rest/oauth2/latest/token", data=form)

    def exchange(self, client, code, **extra):
        return self.token_request(client, grant_type="authorization_code", code=code, redirect_uri=REDIRECT,
                                  **extra)

    def tokens_for(self, client, user="alice", scope="WRITE"):
        verifier = new_verifier()
        code = self.authorization_code(client, user, scope=scope, challenge=s256(verifier), method="S256")
        reply = self.exchange(client, code, code_verifier=verifier)
        self.assertEqual(reply.status_code, 200, reply.text)
        return reply.json()

    def myself_with_bearer(self, access_token):
        return requests.get(self.url + "/rest/api/2/myself",
                            headers={"Authorization": "Bearer " + access_token, "Accept": "application/json"})
