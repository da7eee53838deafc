"""Personal access tokens, user side (spec 7.1): Debian's python3-jira authenticating with a PAT,
and the exact shapes and limits of /rest/pat/latest/tokens."""
import base64
import datetime
import re
import unittest

import jira

from simharness import SimTestCase

TOKENS = "/rest/pat/latest/tokens"
TIME_FORMAT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+00:00$")
NON_EXPIRING = "9999-12-31T00:00:00.000+00:00"
DAY = 24 * 3600

NOT_AUTHENTICATED = "com.atlassian.sal.api.permission.NotAuthenticatedException"
NOT_AUTHORISED = "com.atlassian.sal.api.permission.AuthorisationException"
ILLEGAL_ARGUMENT = "java.lang.IllegalArgumentException"
MAPPING = "org.codehaus.jackson.map.JsonMappingException"
LIMIT_EXCEEDED = "com.atlassian.pats.exception.UserTokenLimitExceededException"


def parse_time(text):
    return datetime.datetime.fromisoformat(text)


class PatTestCase(SimTestCase):
    def session(self, user=None, password=None):
        s = super().session(user, password)
        self.addCleanup(s.close)
        return s

    def create(self, user, name, days=None, **extra):
        body = {"name": name, **extra}
        if days is not None:
            body["expirationDuration"] = days
        return self.session(user).post(self.url + TOKENS, json=body)

    def create_ok(self, user, name, days=None):
        reply = self.create(user, name, days)
        self.assertEqual(reply.status_code, 201, reply.text)
        return reply.json()

    def delete(self, user, token_id):
        return self.session(user).delete(f"{self.url}{TOKENS}/{token_id}")

    def list_names(self, user):
        return [t["name"] for t in self.session(user).get(self.url + TOKENS).json()]

    def assert_e5(self, reply, status, exception):
        self.assertEqual(reply.status_code, status, reply.text)
        body = reply.json()
        self.assertEqual(set(body), {"exception", "error"})
        self.assertEqual(body["exception"], exception)
        self.assertTrue(body["error"])
        return body


class JiraClientWithPat(PatTestCase):
    def pat_client(self, raw_token):
        client = jira.JIRA(server=self.url, token_auth=raw_token, max_retries=0)
        self.addCleanup(client.close)
        return client

    def test_python_jira_reads_as_the_token_owner(self):
        created = self.create_ok("alice", "python-jira", 30)
        client = self.pat_client(created["rawToken"])
        me = client.myself()
        self.assertEqual(me["name"], "alice")
        self.assertEqual(me["key"], "JIRAUSER10100")
        # SEC is private to its members: seeing it proves the token carries alice's rights.
        self.assertEqual(sorted(p.key for p in client.projects()), ["PUB", "SEC"])
        info = client.server_info()
        self.assertEqual(info["deploymentType"], "Server")
        self.assertEqual(info["baseUrl"], self.url)

    def test_use_sets_last_accessed_at(self):
        created = self.create_ok("alice", "usage-tracked", 30)
        self.assertNotIn("lastAccessedAt", created)
        self.pat_client(created["rawToken"]).myself()
        token = self.session("alice").get(f"{self.url}{TOKENS}/{created['id']}").json()
        self.assertRegex(token["lastAccessedAt"], TIME_FORMAT)
        self.assertGreaterEqual(parse_time(token["lastAccessedAt"]), parse_time(token["createdAt"]))

    def test_unknown_token_falls_back_to_anonymous(self):
        forged = base64.b64encode(b"123456789012:" + bytes(20)).decode()
        reply = self.session().get(self.url + "/rest/api/2/myself",
                                   headers={"Authorization": "Bearer " + forged})
        self.assertEqual(reply.status_code, 401)
        self.assertEqual(reply.headers["X-AUSERNAME"], "anonymous")
        # Anonymous, not rejected: public data is still readable with a bad token.
        client = self.pat_client(forged)
        self.assertEqual([p.key for p in client.projects()], ["PUB"])
        with self.assertRaises(jira.JIRAError) as raised:
            client.myself()
        self.assertEqual(raised.exception.status_code, 401)

    def test_wrong_secret_for_a_real_token_id_is_anonymous(self):
        created = self.create_ok("alice", "tampered", 30)
        token_id = base64.b64decode(created["rawToken"]).split(b":")[0]
        forged = base64.b64encode(token_id + b":" + bytes(20)).decode()
        reply = self.session().get(self.url + "/rest/api/2/myself",
                                   headers={"Authorization": "Bearer " + forged})
        self.assertEqual(reply.status_code, 401)

    def test_token_stops_working_once_expired(self):
        created = self.create_ok("alice", "short-lived", 1)
        client = self.pat_client(created["rawToken"])
        self.assertEqual(client.myself()["name"], "alice")
        self.sim.advance_clock(DAY + 60)
        with self.assertRaises(jira.JIRAError) as raised:
            client.myself()
        self.assertEqual(raised.exception.status_code, 401)
        reply = self.session().get(self.url + "/rest/api/2/myself",
                                   headers={"Authorization": "Bearer " + created["rawToken"]})
        self.assertEqual(reply.status_code, 401)
        # The expired token is still listed until Jira prunes it.
        self.assertIn("short-lived", self.list_names("alice"))

    def test_deleted_token_stops_working(self):
        created = self.create_ok("alice", "revoked", 30)
        client = self.pat_client(created["rawToken"])
        self.assertEqual(client.myself()["name"], "alice")
        self.assertEqual(self.delete("alice", created["id"]).status_code, 204)
        with self.assertRaises(jira.JIRAError) as raised:
            client.myself()
        self.assertEqual(raised.exception.status_code, 401)


class TokenShapes(PatTestCase):
    def test_create_answers_201_with_the_raw_token_once(self):
        reply = self.create("alice", "desktop-admin", 90)
        self.assertEqual(reply.status_code, 201)
        self.assertTrue(reply.headers["Content-Type"].startswith("application/json"))
        token = reply.json()
        self.assertEqual(set(token), {"id", "name", "createdAt", "expiringAt", "rawToken"})
        self.assertIsInstance(token["id"], int)
        self.assertEqual(token["name"], "desktop-admin")
        self.assertRegex(token["createdAt"], TIME_FORMAT)
        self.assertRegex(token["expiringAt"], TIME_FORMAT)
        self.assertEqual(parse_time(token["expiringAt"]) - parse_time(token["createdAt"]),
                         datetime.timedelta(days=90))
        raw = token["rawToken"]
        self.assertEqual(len(raw), 44)
        decoded = base64.b64decode(raw)
        self.assertEqual(len(decoded), 33)
        self.assertRegex(decoded[:13], rb"^\d{12}:$")

        listed = self.session("alice").get(self.url + TOKENS)
        self.assertEqual(listed.status_code, 200)
        entry = next(t for t in listed.json() if t["id"] == token["id"])
        self.assertEqual(entry, {k: v for k, v in token.items() if k != "rawToken"})
        fetched = self.session("alice").get(f"{self.url}{TOKENS}/{token['id']}")
        self.assertEqual(fetched.status_code, 200)
        self.assertEqual(fetched.json(), entry)

    def test_list_is_an_array_of_the_callers_tokens_only(self):
        tokens = self.session("bob").get(self.url + TOKENS).json()
        self.assertIsInstance(tokens, list)
        self.assertEqual(sorted(t["name"] for t in tokens), ["old-import", "reporting"])
        for token in tokens:
            self.assertNotIn("rawToken", token)
            self.assertNotIn("userProfileResource", token)
            self.assertLessEqual(set(token), {"id", "name", "createdAt", "expiringAt", "lastAccessedAt"})

    def test_non_expiring_token_reports_the_sentinel_date(self):
        self.assertEqual(self.create_ok("bob", "forever")["expiringAt"], NON_EXPIRING)
        self.assertEqual(self.create_ok("bob", "forever-null", None)["expiringAt"], NON_EXPIRING)
        explicit_null = self.create("bob", "explicit-null", expirationDuration=None)
        self.assertEqual(explicit_null.status_code, 201)
        self.assertEqual(explicit_null.json()["expiringAt"], NON_EXPIRING)
        seeded = next(t for t in self.session("alice").get(self.url + TOKENS).json()
                      if t["name"] == "ci-pipeline")
        self.assertEqual(seeded["expiringAt"], NON_EXPIRING)
        self.assertNotIn("lastAccessedAt", seeded)  # never used: omitted (trackersim's choice)
        for token in self.session("bob").get(self.url + TOKENS).json():
            if token["name"].startswith(("forever", "explicit")):
                self.assertEqual(self.delete("bob", token["id"]).status_code, 204)

    def test_delete_own_token_then_it_is_gone(self):
        token = self.create_ok("alice", "to-delete", 5)
        reply = self.delete("alice", token["id"])
        self.assertEqual(reply.status_code, 204)
        self.assertEqual(reply.content, b"")
        missing = self.session("alice").get(f"{self.url}{TOKENS}/{token['id']}")
        self.assertEqual(missing.status_code, 404)
        self.assertEqual(missing.content, b"")
        self.assertNotIn("to-delete", self.list_names("alice"))

    def test_deleting_unknown_ids_is_204(self):
        self.assertEqual(self.delete("alice", 999999999999).status_code, 204)
        self.assertEqual(self.delete("alice", 1).status_code, 204)

    def test_unknown_or_malformed_id_is_empty_404(self):
        for token_id in ("999999999999", "not-a-number"):
            reply = self.session("alice").get(f"{self.url}{TOKENS}/{token_id}")
            self.assertEqual(reply.status_code, 404, token_id)
            self.assertEqual(reply.content, b"")

    def test_anonymous_gets_401_e5(self):
        anonymous = self.session()
        self.assert_e5(anonymous.get(self.url + TOKENS), 401, NOT_AUTHENTICATED)
        self.assert_e5(anonymous.post(self.url + TOKENS, json={"name": "x", "expirationDuration": 1}),
                       401, NOT_AUTHENTICATED)
        alice_id = self.session("alice").get(self.url + TOKENS).json()[0]["id"]
        self.assert_e5(anonymous.get(f"{self.url}{TOKENS}/{alice_id}"), 401, NOT_AUTHENTICATED)
        self.assert_e5(anonymous.delete(f"{self.url}{TOKENS}/{alice_id}"), 401, NOT_AUTHENTICATED)

    def test_foreign_token_is_401_for_users_and_visible_to_admins(self):
        alice_token = next(t for t in self.session("alice").get(self.url + TOKENS).json()
                           if t["name"] == "laptop-cli")
        path = f"{self.url}{TOKENS}/{alice_token['id']}"
        body = self.assert_e5(self.session("bob").get(path), 401, NOT_AUTHORISED)
        self.assertIn("JIRAUSER10200", body["error"])
        self.assert_e5(self.session("bob").delete(path), 401, NOT_AUTHORISED)
        as_admin = self.session("admin").get(path)
        self.assertEqual(as_admin.status_code, 200)
        self.assertEqual(as_admin.json(), alice_token)
        self.assertIn("laptop-cli", self.list_names("alice"))  # bob's delete did nothing

    def test_admin_may_delete_a_users_token(self):
        token = self.create_ok("bob", "admin-removes-this", 10)
        self.assertEqual(self.delete("admin", token["id"]).status_code, 204)
        self.assertNotIn("admin-removes-this", self.list_names("bob"))

    def test_form_post_without_xsrf_opt_out_is_rejected(self):
        reply = self.session("alice").post(self.url + TOKENS, data={"name": "form"})
        self.assertEqual(reply.status_code, 403)
        self.assertEqual(reply.text, "XSRF check failed")


class TokenValidation(PatTestCase):
    def test_blank_names_are_400(self):
        for name in ("", "   "):
            self.assert_e5(self.create("alice", name, 10), 400, ILLEGAL_ARGUMENT)
        self.assert_e5(self.session("alice").post(self.url + TOKENS, json={"expirationDuration": 10}),
                       400, ILLEGAL_ARGUMENT)

    def test_name_length_limit_is_40(self):
        self.assert_e5(self.create("alice", "n" * 41, 10), 400, ILLEGAL_ARGUMENT)
        token = self.create_ok("alice", "n" * 40, 10)
        self.assertEqual(self.delete("alice", token["id"]).status_code, 204)

    def test_expiry_must_be_1_to_365_days(self):
        for days in (366, 0, -1):
            self.assert_e5(self.create("alice", "bad-expiry", days), 400, ILLEGAL_ARGUMENT)
        token = self.create_ok("alice", "one-year", 365)
        self.assertEqual(parse_time(token["expiringAt"]) - parse_time(token["createdAt"]),
                         datetime.timedelta(days=365))
        self.assertEqual(self.delete("alice", token["id"]).status_code, 204)
        self.assertNotIn("bad-expiry", self.list_names("alice"))

    def test_non_numeric_expiry_and_malformed_bodies_are_400(self):
        self.assert_e5(self.create("alice", "words", "ninety"), 400, MAPPING)
        self.assert_e5(self.create("alice", "list", [30]), 400, MAPPING)
        reply = self.session("alice").post(self.url + TOKENS, data=b'{"name": ',
                                           headers={"Content-Type": "application/json"})
        self.assertEqual(reply.status_code, 400)
        self.assertTrue(reply.json()["exception"].startswith("org.codehaus.jackson."))
        self.assertNotIn("words", self.list_names("alice"))

    def test_eleventh_token_is_403(self):
        existing = len(self.session("bob").get(self.url + TOKENS).json())
        created = [self.create_ok("bob", f"bulk-{i}", 7)["id"] for i in range(10 - existing)]
        try:
            self.assertEqual(len(self.session("bob").get(self.url + TOKENS).json()), 10)
            self.assert_e5(self.create("bob", "eleventh", 7), 403, LIMIT_EXCEEDED)
            self.assertNotIn("eleventh", self.list_names("bob"))
        finally:
            for token_id in created:
                self.delete("bob", token_id)
        room = self.create_ok("bob", "room-again", 7)
        self.assertEqual(self.delete("bob", room["id"]).status_code, 204)


class PersonalTokensDisabled(PatTestCase):
    SIM_ARGS = ("--no-pat",)

    def test_pat_resources_are_404(self):
        alice = self.session("alice")
        self.assertEqual(alice.get(self.url + TOKENS).status_code, 404)
        self.assertEqual(alice.post(self.url + TOKENS, json={"name": "x"}).status_code, 404)
        self.assertEqual(alice.get(self.url + TOKENS + "/1").status_code, 404)
        admin = self.session("admin")
        self.assertEqual(admin.post(self.url + TOKENS + "/search", json={}).status_code, 404)
        self.assertEqual(admin.delete(self.url + "/rest/pat/latest/admin/tokens", json=[1]).status_code, 404)


if __name__ == "__main__":
    unittest.main()
