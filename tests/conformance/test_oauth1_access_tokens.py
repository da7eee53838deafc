"""The user's "View OAuth Access Tokens" page and its revoke servlets (spec 5), on the seeded data:
alice authorised Bamboo and Release Radar (OAuth 1.0a) and Deploy Dashboard (OAuth 2.0)."""
import unittest
import warnings
from datetime import datetime
from urllib.parse import quote
from zoneinfo import ZoneInfo

import requests

from oauth1help import ACCESS_TOKENS_PAGE, REVOKE, Forms, browser_login
from simharness import SimTestCase


class PageTestCase(SimTestCase):
    def setUp(self):
        # requests sessions are left to the garbage collector; their sockets are not the subject.
        warnings.simplefilter("ignore", ResourceWarning)

    def rows(self, session):
        reply = session.get(self.url + ACCESS_TOKENS_PAGE, allow_redirects=False)
        self.assertEqual(reply.status_code, 200)
        return {row["cells"]["consumer-name"]: row for row in Forms(reply.text).rows}

    def basic(self, user):
        s = requests.Session()
        s.auth = (user, user)
        return s


class AccessTokensPage(PageTestCase):

    def test_rows_for_oauth1_tokens_and_oauth2_authorisations(self):
        rows = self.rows(browser_login(self.url, "alice"))
        self.assertEqual(sorted(rows), ["Bamboo", "Deploy Dashboard", "Release Radar"])
        radar = rows["Release Radar"]
        self.assertEqual(radar["oauth2"], "false")
        self.assertEqual(radar["inputs"]["token"], radar["token"])
        self.assertEqual(radar["links"], ["https://radar.example.test/about"])
        self.assertEqual(radar["action"], self.url + REVOKE)
        self.assertEqual(radar["cells"]["scopes"], "")
        self.assertEqual(rows["Bamboo"]["links"], ["http://bamboo.example.test:8085"])

        dashboard = rows["Deploy Dashboard"]
        self.assertEqual(dashboard["oauth2"], "true")
        self.assertEqual(dashboard["cells"]["scopes"], "READWRITE")  # <span>READ</span><span>WRITE</span>
        self.assertEqual(dashboard["action"], self.url + "/rest/oauth2/latest/revoke/" + dashboard["token"])
        self.assertEqual(dashboard["links"], ["http://127.0.0.1:8765/callback"])

    def test_issue_date_is_jira_style_in_the_users_time_zone(self):
        page = browser_login(self.url, "alice").get(self.url + ACCESS_TOKENS_PAGE).text
        self.assertIn('data-issued="', page)
        for row in Forms(page).rows:
            start = page.index('data-issued="', page.index(f'data-token="{row["token"]}"')) + len('data-issued="')
            issued = datetime.fromisoformat(page[start:page.index('"', start)].replace("Z", "+00:00"))
            berlin = issued.astimezone(ZoneInfo("Europe/Berlin"))
            expected = berlin.strftime("%d/%b/%y ") + str(int(berlin.strftime("%I"))) + berlin.strftime(":%M %p")
            self.assertEqual(row["cells"]["issued-on"], expected)

    def test_basic_auth_works_and_anonymous_goes_to_login(self):
        self.assertEqual(sorted(self.rows(self.basic("bob"))), [])
        reply = requests.get(self.url + ACCESS_TOKENS_PAGE, allow_redirects=False)
        self.assertEqual(reply.status_code, 302)
        self.assertEqual(reply.headers["Location"],
                         self.url + "/login.jsp?os_destination=" + quote(ACCESS_TOKENS_PAGE, safe=""))


class Revocation(PageTestCase):
    """Revokes seeded tokens, so it has a trackersim of its own."""

    def test_revoke_outcomes(self):
        no_check = {"X-Atlassian-Token": "no-check"}
        alice = browser_login(self.url, "alice")
        bamboo = self.rows(alice)["Bamboo"]["token"]

        self.assertEqual(requests.post(self.url + REVOKE, data={"token": bamboo}, headers=no_check).status_code, 401)
        bob = self.basic("bob")
        self.assertEqual(bob.post(self.url + REVOKE, data={"token": bamboo}, headers=no_check).status_code, 401)
        self.assertEqual(alice.post(self.url + REVOKE, data={}, headers=no_check).status_code, 400)
        missing = alice.post(self.url + REVOKE, data={"token": "no-such-token"}, headers=no_check)
        self.assertEqual((missing.status_code, missing.content), (200, b""))

        refused = alice.post(self.url + REVOKE, data={"token": bamboo})
        self.assertEqual((refused.status_code, refused.text), (403, "XSRF check failed"))
        self.assertIn("Bamboo", self.rows(alice))

        # The deprecated POST to the page itself revokes as well.
        legacy = alice.post(self.url + ACCESS_TOKENS_PAGE, data={"token": bamboo}, headers=no_check)
        self.assertEqual((legacy.status_code, legacy.content), (200, b""))
        self.assertNotIn("Bamboo", self.rows(alice))


if __name__ == "__main__":
    unittest.main()
