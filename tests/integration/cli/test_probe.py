"""accessdesk-cli probe: the exact JSON document of the contract, and the features a server has."""
import unittest

from clitest import AUTH, OK, CliTestCase

PROBE_KEYS = {"baseUrl", "version", "user", "admin", "sysadmin", "features"}


class Probe(CliTestCase):
    def probe(self, user):
        return self.ok_json(self.as_user(user, "probe", "--format", "json"))

    def assertProbeShape(self, report):
        self.assertEqual(set(report), PROBE_KEYS)
        self.assertEqual(set(report["user"]), {"name", "displayName"})
        self.assertEqual(set(report["features"]), {"pat", "oauth2", "applinksV3"})
        for key in ("admin", "sysadmin"):
            self.assertIsInstance(report[key], bool, key)
        for key, value in report["features"].items():
            self.assertIsInstance(value, bool, key)

    def test_alice_is_a_user_on_a_server_with_every_feature(self):
        report = self.probe("alice")
        self.assertProbeShape(report)
        self.assertEqual(report["baseUrl"], self.url)
        self.assertEqual(report["version"], "9.12.7")
        self.assertEqual(report["user"], {"name": "alice", "displayName": "Alice Able"})
        self.assertIs(report["admin"], False)
        self.assertIs(report["sysadmin"], False)
        self.assertEqual(report["features"], {"pat": True, "oauth2": True, "applinksV3": True})

    def test_admin_is_administrator_and_system_administrator(self):
        report = self.probe("admin")
        self.assertProbeShape(report)
        self.assertEqual(report["user"]["name"], "admin")
        self.assertTrue(report["user"]["displayName"])
        self.assertIs(report["admin"], True)
        self.assertIs(report["sysadmin"], True)

    def test_table_is_the_default_and_names_the_user(self):
        run = self.alice("probe")
        self.assertExit(run, OK)
        self.assertIn("alice", run.stdout)
        self.assertIn("9.12.7", run.stdout)
        self.assertRaises(ValueError, run.json)

    def test_wrong_password_is_refused_with_exit_3(self):
        run = self.as_user("bob", "probe", "--format", "json", password="not-bobs")
        self.assertFailsPlainly(run, AUTH)
        self.assertNotIn("not-bobs", run.stderr)


class ProbeOlderServer(CliTestCase):
    """A server like Jira before 8.14 / 8.22: no personal access tokens, no OAuth 2.0 provider."""

    SIM_ARGS = ("--no-pat", "--no-oauth2", "--jira-version", "8.5.3")

    def test_features_are_false(self):
        report = self.ok_json(self.alice("probe", "--format", "json"))
        self.assertEqual(report["version"], "8.5.3")
        self.assertIs(report["features"]["pat"], False)
        self.assertIs(report["features"]["oauth2"], False)
        self.assertEqual(report["user"]["name"], "alice")


if __name__ == "__main__":
    unittest.main()
