"""The issue's proof with accessdesk-cli: two running trackersims, linked both ways with
`links create --two-way` and the remote administrator's credentials; both ends list the link and
`links status` says it works; with the remote stopped it says the remote cannot be reached; with
the remote started again on another port from the same data file, `links relocate` moves the link
there and it works again. Every step is also checked with plain requests to each server."""
import os
import tempfile

import requests

from clitest import AUTH, OK, CliTestCase
from simharness import Sim

REMOTE_PASSWORD_VAR = "ACCESSDESK_TEST_REMOTE_PASSWORD"
# Room for a busy machine: one server's call may wait on the other's call back.
REMOTE_TIMEOUT_MS = "10000"


class TwoServers(CliTestCase):
    SIM_ARGS = None  # the test starts its own pair, each with a data file

    def setUp(self):
        super().setUp()
        self.folder = tempfile.TemporaryDirectory()
        self.addCleanup(self.folder.cleanup)
        self.local = self.start("local.db")
        self.remote = self.start("remote.db")

    def start(self, data_file):
        sim = Sim("--seed", "none", "--data", os.path.join(self.folder.name, data_file),
                  "--remote-timeout-ms", REMOTE_TIMEOUT_MS)
        self.addCleanup(sim.stop)
        return sim

    def links_cli(self, *args, env=None):
        """The CLI as the local server's admin."""
        return self.as_user("admin", "links", *args, url=self.local.url, env=env)

    def manifest_id(self, sim):
        reply = requests.get(sim.url + "/rest/applinks/1.0/manifest", headers={"Accept": "application/json"})
        self.assertEqual(reply.status_code, 200, reply.text)
        return reply.json()["id"]

    def held(self, sim, link_id):
        reply = self.rest("admin").get(f"{sim.url}/rest/applinks/3.0/applinks/{link_id}")
        return reply.json() if reply.status_code == 200 else None

    def working(self, sim, link_id):
        reply = self.rest("admin").get(f"{sim.url}/rest/applinks/3.0/status/{link_id}")
        self.assertEqual(reply.status_code, 200, reply.text)
        return reply.json()["working"]

    def status(self, link_id):
        [entry] = self.ok_json(self.links_cli("status", link_id, "--format", "json"))
        return entry

    def test_link_both_ways_lose_the_remote_and_relocate_it(self):
        remote_id, local_id = self.manifest_id(self.remote), self.manifest_id(self.local)
        create = ("create", self.remote.url, "--name", "Remote Jira", "--two-way", "--remote-user", "admin",
                  "--remote-password-env", REMOTE_PASSWORD_VAR, "--format", "json")

        # A wrong remote password: refused at --remote-user, nothing created on either end.
        wrong = "not-the-password-5e1d"
        refused = self.links_cli(*create, env={REMOTE_PASSWORD_VAR: wrong})
        self.assertFailsPlainly(refused, AUTH)
        self.assertIn("--remote-user", refused.stderr)
        self.assertIn("refused the administrator credentials", refused.stderr)
        self.assertIsNone(self.held(self.local, remote_id))
        self.assertIsNone(self.held(self.remote, local_id))

        created = self.ok_json(self.links_cli(*create, env={REMOTE_PASSWORD_VAR: "admin"}))
        self.assertEqual((created["id"], created["name"], created["type"], created["rpcUrl"]),
                         (remote_id, "Remote Jira", "jira", self.remote.url))
        self.assertSecretNowhere(wrong, [refused])

        # Both ends list the link and say it works.
        self.assertEqual(self.held(self.local, remote_id)["rpcUrl"], self.remote.url)
        self.assertEqual(self.held(self.remote, local_id)["rpcUrl"], self.local.url)
        self.assertTrue(self.working(self.local, remote_id))
        self.assertTrue(self.working(self.remote, local_id))
        listed = self.ok_json(self.links_cli("list", "--format", "json"))
        self.assertEqual([link["id"] for link in listed], [remote_id])
        entry = self.status(remote_id)
        self.assertEqual((entry["working"], entry["verdict"], entry["problem"]), (True, "working", "none"))

        # The remote stops: it cannot be reached, and the advice says what to do.
        old_url = self.remote.url
        self.remote.stop()
        entry = self.status(remote_id)
        self.assertEqual((entry["working"], entry["verdict"], entry["errorType"], entry["problem"]),
                         (False, "broken", "CONNECTION_REFUSED", "connection-refused"), entry)
        self.assertIn(f"Nothing accepts connections at {old_url}", entry["diagnosis"])
        self.assertIn("relocate the link", entry["advice"])

        # Started again elsewhere from the same data: the same application at a new address.
        self.remote = self.remote.restarted_elsewhere()
        self.addCleanup(self.remote.stop)
        self.assertNotEqual(self.remote.url, old_url)
        self.assertEqual(self.manifest_id(self.remote), remote_id)
        moved = self.ok_json(self.links_cli("relocate", remote_id, self.remote.url, "--format", "json"))
        self.assertEqual((moved["rpcUrl"], moved["displayUrl"]), (self.remote.url, self.remote.url))
        self.assertEqual(self.held(self.local, remote_id)["rpcUrl"], self.remote.url)
        entry = self.status(remote_id)
        self.assertEqual((entry["working"], entry["verdict"]), (True, "working"), entry)
        self.assertTrue(self.working(self.local, remote_id))

        actions = [(row["action"], row["outcome"]) for row in
                   self.ok_json(self.cli("activity", "list", "--format", "json"))]
        self.assertEqual(actions, [("relocate-applink", "succeeded"), ("create-applink", "succeeded"),
                                   ("create-applink", "failed")])
        self.assertExit(self.links_cli("status"), OK)
