"""Behaviour every Jira resource shares (spec section 1): XSRF, rate limiting, sessions, headers."""
import unittest

import requests

from simharness import SimTestCase, origin_of

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"


class Xsrf(SimTestCase):
    """E8: POSTs to /rest/ with a form, text or no body need X-Atlassian-Token: no-check."""

    def login(self, s, user="alice"):
        reply = s.post(self.url + "/rest/auth/1/session", json={"username": user, "password": user})
        self.assertEqual(reply.status_code, 200)

    def test_form_post_without_token_header_is_refused(self):
        s = self.session()
        reply = s.post(self.url + "/rest/auth/1/session", data={"username": "alice", "password": "alice"})
        self.assertEqual(reply.status_code, 403)
        self.assertEqual(reply.text, "XSRF check failed")
        self.assertTrue(reply.headers["Content-Type"].startswith("text/plain"))

    def test_no_body_post_without_token_header_is_refused_and_with_it_passes(self):
        s = self.session()
        bare = s.post(self.url + "/rest/auth/1/session")
        self.assertEqual(bare.status_code, 403)
        self.assertEqual(bare.text, "XSRF check failed")
        opted_out = s.post(self.url + "/rest/auth/1/session", headers={"X-Atlassian-Token": "no-check"})
        self.assertEqual(opted_out.status_code, 400)  # past the XSRF filter: now the body is wrong (E1)
        self.assertIn("errorMessages", opted_out.json())

    def test_legacy_nocheck_value_is_accepted(self):
        reply = self.session().post(self.url + "/rest/auth/1/session", headers={"X-Atlassian-Token": "nocheck"})
        self.assertNotEqual(reply.status_code, 403)

    def test_json_post_from_a_non_browser_passes(self):
        reply = self.session().post(self.url + "/rest/auth/1/session", json={"username": "bob", "password": "bob"})
        self.assertEqual(reply.status_code, 200)

    def test_json_post_from_a_browser_needs_same_origin(self):
        s = self.session()
        s.headers["User-Agent"] = BROWSER
        foreign = s.post(self.url + "/rest/auth/1/session", json={"username": "bob", "password": "bob"},
                         headers={"Origin": "http://evil.example.test"})
        self.assertEqual(foreign.status_code, 403)
        self.assertEqual(foreign.text, "XSRF check failed")
        same = s.post(self.url + "/rest/auth/1/session", json={"username": "bob", "password": "bob"},
                      headers={"Origin": origin_of(self.url)})
        self.assertEqual(same.status_code, 200)

    def test_put_and_delete_failures_are_only_logged(self):
        s = self.session()
        self.login(s)
        reply = s.delete(self.url + "/rest/auth/1/session", headers={"Content-Type": "text/plain"})
        self.assertEqual(reply.status_code, 204)


class Sessions(SimTestCase):
    def test_login_current_and_logout(self):
        s = self.session()
        login = s.post(self.url + "/rest/auth/1/session", json={"username": "alice", "password": "alice"})
        self.assertEqual(login.status_code, 200)
        body = login.json()
        self.assertEqual(body["session"]["name"], "JSESSIONID")
        self.assertEqual(s.cookies["JSESSIONID"], body["session"]["value"])
        self.assertIn("loginCount", body["loginInfo"])
        self.assertEqual(s.get(self.url + "/rest/api/2/myself").json()["name"], "alice")
        current = s.get(self.url + "/rest/auth/1/session")
        self.assertEqual(current.json()["name"], "alice")
        self.assertEqual(s.delete(self.url + "/rest/auth/1/session").status_code, 204)
        self.assertEqual(s.get(self.url + "/rest/auth/1/session").status_code, 401)

    def test_bad_password_is_e1_with_seraph_reason(self):
        reply = self.session().post(self.url + "/rest/auth/1/session", json={"username": "alice", "password": "nope"})
        self.assertEqual(reply.status_code, 401)
        self.assertEqual(reply.json(), {"errorMessages": ["Login failed"], "errors": {}})
        self.assertEqual(reply.headers["X-Seraph-LoginReason"], "AUTHENTICATED_FAILED")

    def test_failed_logins_are_counted(self):
        s = self.session()
        s.post(self.url + "/rest/auth/1/session", json={"username": "bob", "password": "wrong"})
        info = s.post(self.url + "/rest/auth/1/session", json={"username": "bob", "password": "bob"}).json()["loginInfo"]
        self.assertGreaterEqual(info["failedLoginCount"], 1)
        self.assertIn("lastFailedLoginTime", info)

    def test_login_form_sets_a_session_and_redirects_locally_only(self):
        s = self.session()
        reply = s.post(self.url + "/login.jsp", allow_redirects=False,
                       data={"os_username": "alice", "os_password": "alice", "os_destination": "//evil.example.test/x"})
        self.assertEqual(reply.status_code, 302)
        self.assertTrue(reply.headers["Location"].startswith(self.url + "/"))
        self.assertNotIn("evil", reply.headers["Location"])
        self.assertEqual(s.get(self.url + "/rest/api/2/myself").json()["name"], "alice")

    def test_websudo_can_be_dropped(self):
        s = self.session("admin")
        self.assertEqual(s.delete(self.url + "/rest/auth/1/websudo").status_code, 204)


class RateLimiting(SimTestCase):
    SIM_ARGS = ("--rate-limit", "3,1,60")

    def setUp(self):
        self.sim.control("POST", "rate-limit/reset")

    def test_bucket_empties_then_429_with_headers(self):
        s = self.session("alice")
        remaining = []
        for _ in range(3):
            reply = s.get(self.url + "/rest/api/2/myself")
            self.assertEqual(reply.status_code, 200)
            self.assertEqual(reply.headers["X-RateLimit-Limit"], "3")
            self.assertEqual(reply.headers["X-RateLimit-FillRate"], "1")
            self.assertEqual(reply.headers["X-RateLimit-Interval-Seconds"], "60")
            self.assertEqual(reply.headers["Retry-After"], "0")
            remaining.append(int(reply.headers["X-RateLimit-Remaining"]))
        self.assertEqual(remaining, [2, 1, 0])
        limited = s.get(self.url + "/rest/api/2/myself")
        self.assertEqual(limited.status_code, 429)
        self.assertEqual(set(limited.json()), {"message"})  # E9
        self.assertGreater(int(limited.headers["Retry-After"]), 0)
        self.assertEqual(limited.headers["X-RateLimit-Remaining"], "0")

    def test_429_body_is_html_without_accept_json(self):
        s = self.session("bob")
        for _ in range(3):
            s.get(self.url + "/rest/api/2/myself")
        limited = s.get(self.url + "/rest/api/2/myself", headers={"Accept": "*/*"})
        self.assertEqual(limited.status_code, 429)
        self.assertTrue(limited.headers["Content-Type"].startswith("text/html"))

    def test_buckets_are_per_user_and_refill(self):
        alice = self.session("alice")
        for _ in range(3):
            alice.get(self.url + "/rest/api/2/myself")
        self.assertEqual(alice.get(self.url + "/rest/api/2/myself").status_code, 429)
        self.assertEqual(self.session("bob").get(self.url + "/rest/api/2/myself").status_code, 200)
        self.sim.advance_clock(61)
        self.assertEqual(alice.get(self.url + "/rest/api/2/myself").status_code, 200)

    def test_exempt_and_anonymous_requests_are_not_limited(self):
        s = self.session("alice")
        for _ in range(5):
            reply = s.get(self.url + "/rest/api/2/serverInfo")
            self.assertEqual(reply.status_code, 200)
            self.assertNotIn("X-RateLimit-Limit", reply.headers)
        for _ in range(5):
            self.assertEqual(self.session().get(self.url + "/rest/api/2/project").status_code, 200)


class WebSudoOff(SimTestCase):
    SIM_ARGS = ("--websudo", "off")

    def test_session_admin_is_not_asked_for_websudo(self):
        s = self.session()
        s.post(self.url + "/rest/auth/1/session", json={"username": "admin", "password": "admin"})
        reply = s.get(self.url + "/rest/applinks/1.0/applicationlink")
        self.assertEqual(reply.status_code, 200)


class WebSudoOn(SimTestCase):
    def test_session_admin_must_confirm_password_first(self):
        s = self.session()
        s.post(self.url + "/rest/auth/1/session", json={"username": "admin", "password": "admin"})
        refused = s.get(self.url + "/rest/applinks/1.0/applicationlink")
        self.assertEqual(refused.status_code, 401)
        self.assertEqual(refused.json(), {"status-code": 401, "message": "This resource requires WebSudo."})
        wrong = s.post(self.url + "/secure/admin/WebSudoAuthenticate.jspa", headers={"X-Atlassian-Token": "no-check"},
                       data={"webSudoPassword": "nope", "webSudoIsPost": "false"})
        self.assertIn("incorrect", wrong.text)
        self.assertEqual(s.get(self.url + "/rest/applinks/1.0/applicationlink").status_code, 401)
        granted = s.post(self.url + "/secure/admin/WebSudoAuthenticate.jspa", headers={"X-Atlassian-Token": "no-check"},
                         data={"webSudoPassword": "admin", "webSudoIsPost": "false"})
        self.assertEqual(granted.status_code, 200)
        self.assertEqual(s.get(self.url + "/rest/applinks/1.0/applicationlink").status_code, 200)
        # The secure session times out after 10 idle minutes, and can be dropped explicitly.
        self.sim.advance_clock(601)
        self.assertEqual(s.get(self.url + "/rest/applinks/1.0/applicationlink").status_code, 401)

    def test_dropping_websudo_asks_again(self):
        s = self.session()
        s.post(self.url + "/rest/auth/1/session", json={"username": "admin", "password": "admin"})
        s.post(self.url + "/secure/admin/WebSudoAuthenticate.jspa", headers={"X-Atlassian-Token": "no-check"},
               data={"webSudoPassword": "admin", "webSudoIsPost": "false"})
        self.assertEqual(s.get(self.url + "/rest/applinks/1.0/applicationlink").status_code, 200)
        self.assertEqual(s.delete(self.url + "/rest/auth/1/websudo").status_code, 204)
        self.assertEqual(s.get(self.url + "/rest/applinks/1.0/applicationlink").status_code, 401)

    def test_basic_auth_bypasses_websudo(self):
        self.assertEqual(self.session("admin").get(self.url + "/rest/applinks/1.0/applicationlink").status_code, 200)

    def test_websudo_form_needs_atl_token_or_header(self):
        s = self.session()
        s.post(self.url + "/rest/auth/1/session", json={"username": "admin", "password": "admin"})
        reply = s.post(self.url + "/secure/admin/WebSudoAuthenticate.jspa", data={"webSudoPassword": "admin"})
        self.assertEqual(reply.status_code, 403)


if __name__ == "__main__":
    unittest.main()
