"""Shared pieces of the OAuth 1.0a conformance tests: keys, browser logins and HTML forms."""
from html.parser import HTMLParser

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

AUTHORIZE = "/plugins/servlet/oauth/authorize"
REQUEST_TOKEN = "/plugins/servlet/oauth/request-token"
ACCESS_TOKEN = "/plugins/servlet/oauth/access-token"
ACCESS_TOKENS_PAGE = "/plugins/servlet/oauth/users/access-tokens"
REVOKE = "/plugins/servlet/oauth/users/revoke-token"
ADD_CONSUMER = "/plugins/servlet/applinks/auth/conf/oauth/add-consumer-manually/"
RELEASE_RADAR = "c5b7a913-2d4f-3e6a-b8c0-d1e2f3a4b503"
BITBUCKET = "e7f8a9b0-c1d2-3e4f-a5b6-c7d8e9f0a104"
BAMBOO = "4a3c1b7e-58f2-3d4e-9c61-0f2b7a9d1e01"


def consumer_url(base, link_id, tail="/consumer"):
    return f"{base}/rest/applinks-oauth/1.0/applicationlink/{link_id}/authentication{tail}"


class RsaKey:
    def __init__(self):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.private_pem = self.key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption()).decode()
        self.public_pem = self.key.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()
        # Bare base64 of the SubjectPublicKeyInfo, as Jira outputs consumer keys.
        self.public_bare = "".join(line for line in self.public_pem.splitlines() if "-----" not in line)


def admin_session():
    s = requests.Session()
    s.auth = ("admin", "admin")
    s.headers.update({"Accept": "application/json", "User-Agent": "conformance-tests/1.0"})
    return s


def browser_login(base, user):
    """A requests session logged in through the login form, as a browser would be."""
    s = requests.Session()
    s.headers["User-Agent"] = "conformance-tests/1.0"
    reply = s.post(base + "/login.jsp", data={"os_username": user, "os_password": user}, allow_redirects=False)
    if reply.status_code != 302 or "JSESSIONID" not in s.cookies:
        raise AssertionError(f"login as {user} failed: {reply.status_code}")
    return s


def create_generic_link(base, name, url):
    admin = admin_session()
    reply = admin.put(base + "/rest/applinks/2.0/applicationlink",
                      json={"name": name, "rpcUrl": url, "displayUrl": url, "typeId": "generic"})
    if reply.status_code != 201:
        raise AssertionError(f"creating the link failed: {reply.status_code} {reply.text}")
    links = admin.get(base + "/rest/applinks/1.0/applicationlink").json()["applicationLinks"]
    return next(link["id"] for link in links if link["name"] == name)


class Forms(HTMLParser):
    """Collects <input> values, elements by id and the rows of the access-tokens table."""

    def __init__(self, text):
        super().__init__()
        self.inputs = {}
        self.ids = {}
        self.rows = []  # dicts: token, oauth2, cells {class: text}, form inputs
        self._open_ids = []
        self._cell = None
        self._in_row = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and "name" in attrs:
            self.inputs.setdefault(attrs["name"], attrs.get("value", ""))
            if self.rows and self._in_row:
                self.rows[-1]["inputs"][attrs["name"]] = attrs.get("value", "")
        if tag == "tr" and "data-token" in attrs:
            self.rows.append({"token": attrs["data-token"], "oauth2": attrs.get("data-oauth2"),
                              "cells": {}, "inputs": {}, "links": []})
            self._in_row = True
        if tag == "td" and self.rows and self._in_row:
            self._cell = attrs.get("class", "")
            self.rows[-1]["cells"][self._cell] = ""
        if tag == "a" and self.rows and self._in_row:
            self.rows[-1]["links"].append(attrs.get("href"))
        if tag == "form" and self.rows and self._in_row:
            self.rows[-1]["action"] = attrs.get("action")
        if "id" in attrs:
            self.ids[attrs["id"]] = ""
            self._open_ids.append((tag, attrs["id"]))

    def handle_endtag(self, tag):
        if tag == "tr":
            self._in_row = False
        if tag == "td":
            self._cell = None
        if self._open_ids and self._open_ids[-1][0] == tag:
            self._open_ids.pop()

    def handle_data(self, data):
        for _, element_id in self._open_ids:
            self.ids[element_id] += data
        if self._cell is not None and self.rows:
            self.rows[-1]["cells"][self._cell] += data


def allowed_access(base, consumer_key, private_pem, user, callback):
    """The whole 3-legged dance as Debian's python3-requests-oauthlib does it: a request token,
    the user signs in and presses Allow on the "Request for Access" page, the access token. Returns
    (OAuth1 auth signing as that user, the consumer name the page showed)."""
    from oauthlib.oauth1 import SIGNATURE_RSA
    from requests_oauthlib import OAuth1, OAuth1Session

    oauth = OAuth1Session(consumer_key, signature_method=SIGNATURE_RSA, rsa_key=private_pem,
                          callback_uri=callback)
    request_token = oauth.fetch_request_token(base + REQUEST_TOKEN)
    browser = browser_login(base, user)
    page = browser.get(base + AUTHORIZE, params={"oauth_token": request_token["oauth_token"]},
                       allow_redirects=False)
    if page.status_code != 200:
        raise AssertionError(f"the authorize page answered {page.status_code}: {page.text[:200]}")
    forms = Forms(page.text)
    allowed = browser.post(base + AUTHORIZE, allow_redirects=False, data={
        "oauth_token": forms.inputs["oauth_token"], "atl_token": forms.inputs["atl_token"],
        "approve": "Allow"})
    if allowed.status_code != 302:
        raise AssertionError(f"Allow answered {allowed.status_code}: {allowed.text[:200]}")
    oauth.parse_authorization_response(allowed.headers["Location"])
    access = oauth.fetch_access_token(base + ACCESS_TOKEN)
    signed = OAuth1(consumer_key, signature_method=SIGNATURE_RSA, rsa_key=private_pem,
                    resource_owner_key=access["oauth_token"],
                    resource_owner_secret=access["oauth_token_secret"])
    return signed, forms.ids.get("consumer-name")
