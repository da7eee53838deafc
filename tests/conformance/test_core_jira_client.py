"""Debian's python3-jira, unmodified, against trackersim: server info, myself, projects."""
import unittest

import jira

from simharness import SimTestCase


class JiraClientBasicAuth(SimTestCase):
    def client(self, user):
        return jira.JIRA(server=self.url, basic_auth=(user, user), get_server_info=True, max_retries=0)

    def test_server_info_reports_a_data_center_version(self):
        info = self.client("alice").server_info()
        self.assertEqual(info["deploymentType"], "Server")
        self.assertEqual(info["versionNumbers"], [9, 12, 7])
        self.assertEqual(info["baseUrl"], self.url)

    def test_myself_is_the_authenticated_user(self):
        me = self.client("alice").myself()
        self.assertEqual(me["name"], "alice")
        self.assertEqual(me["displayName"], "Alice Able")
        self.assertEqual(me["key"], "JIRAUSER10100")

    def test_projects_include_private_ones_for_members_only(self):
        self.assertEqual(sorted(p.key for p in self.client("alice").projects()), ["PUB", "SEC"])
        self.assertEqual([p.key for p in self.client("bob").projects()], ["PUB"])

    def test_issue_reads_and_hidden_issues(self):
        alice = self.client("alice")
        self.assertEqual(alice.issue("SEC-1").fields.summary, "Prepare the secret launch")
        with self.assertRaises(jira.JIRAError) as raised:
            self.client("bob").issue("SEC-1")
        self.assertEqual(raised.exception.status_code, 404)

    def test_wrong_password_is_refused(self):
        with self.assertRaises(jira.JIRAError) as raised:
            jira.JIRA(server=self.url, basic_auth=("alice", "wrong"), max_retries=0).myself()
        self.assertEqual(raised.exception.status_code, 401)


class AnonymousAndPermissions(SimTestCase):
    def test_anonymous_sees_public_project_only(self):
        projects = self.session().get(self.url + "/rest/api/2/project").json()
        self.assertEqual([p["key"] for p in projects], ["PUB"])

    def test_myself_needs_authentication(self):
        reply = self.session().get(self.url + "/rest/api/2/myself")
        self.assertEqual(reply.status_code, 401)
        self.assertIn("errorMessages", reply.json())  # E1

    def test_mypermissions_tells_admins_apart(self):
        def perms(user):
            reply = self.session(user).get(self.url + "/rest/api/2/mypermissions",
                                           params={"permissions": "ADMINISTER,SYSTEM_ADMIN"})
            self.assertEqual(reply.status_code, 200)
            return {k: v["havePermission"] for k, v in reply.json()["permissions"].items()}
        self.assertEqual(perms("admin"), {"ADMINISTER": True, "SYSTEM_ADMIN": True})
        self.assertEqual(perms("alice"), {"ADMINISTER": False, "SYSTEM_ADMIN": False})

    def test_headers_name_the_user(self):
        reply = self.session("bob").get(self.url + "/rest/api/2/myself")
        self.assertEqual(reply.headers["X-AUSERNAME"], "bob")
        self.assertEqual(self.session().get(self.url + "/rest/api/2/serverInfo").headers["X-AUSERNAME"], "anonymous")

    def test_unknown_rest_resource_is_jersey_404(self):
        reply = self.session().get(self.url + "/rest/api/2/no-such-thing")
        self.assertEqual(reply.status_code, 404)
        self.assertEqual(reply.json()["status-code"], 404)  # E2


if __name__ == "__main__":
    unittest.main()
