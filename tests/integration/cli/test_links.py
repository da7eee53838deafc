"""accessdesk-cli links against a real trackersim: list/get/status on the demo's four links, create
(generic to an address that does not answer, Atlassian-looking *.example.test hosts, two-way),
the plain errors of each failing step, update/relocate/primary/delete checked with plain requests
against the REST API, non-admins, a cookie-session admin meeting websudo, and the activity log."""
import csv
import io
import unittest

from clitest import AUTH, NETWORK, OK, PARTIAL, PASSWORD_VAR, SERVER, USAGE, CliTestCase
from applinkcases import BAMBOO, CONFLUENCE, RADAR, SEEDED, java_name_uuid  # noqa: E402 (path set by clitest)

LINK_KEYS = {"id", "name", "type", "displayUrl", "rpcUrl", "primary", "system"}
STATUS_KEYS = {"id", "name", "working", "verdict", "errorType", "problem", "diagnosis", "advice",
               "authorisationUri"}
NO_SUCH_LINK = "00000000-0000-3000-8000-000000000000"
REMOTE_PASSWORD_VAR = "ACCESSDESK_TEST_REMOTE_PASSWORD"


class LinksTestCase(CliTestCase):
    def admin(self, *args, **kwargs):
        return self.as_user("admin", *args, **kwargs)

    def v3(self, tail=""):
        return f"{self.url}/rest/applinks/3.0/applinks{tail}"

    def server_links(self):
        """The real links as the server holds them (the v3 list without OAuth 2.0 clients)."""
        listed = self.rest("admin").get(f"{self.url}/rest/applinks/1.0/listApplicationlinks")
        self.assertEqual(listed.status_code, 200, listed.text)
        real = {entry["application"]["id"] for entry in listed.json()["list"]}
        reply = self.rest("admin").get(self.v3())
        self.assertEqual(reply.status_code, 200, reply.text)
        return {link["id"]: link for link in reply.json() if link["id"] in real}

    def server_link(self, link_id):
        reply = self.rest("admin").get(self.v3("/" + link_id))
        return reply.json() if reply.status_code == 200 else None

    def create_generic(self, name, url):
        reply = self.rest("admin").put(f"{self.url}/rest/applinks/2.0/applicationlink",
                                       json={"typeId": "generic", "name": name, "rpcUrl": url, "displayUrl": url})
        self.assertEqual(reply.status_code, 201, reply.text)
        return reply.json()["resources-created"][0]["href"].rsplit("/", 1)[1]

    def activity(self):
        return self.ok_json(self.cli("activity", "list", "--format", "json"))

    def assertLinkJson(self, link, expected):
        self.assertEqual(set(link), LINK_KEYS, link)
        self.assertEqual(link, {"id": expected["id"], "name": expected["name"], "type": expected["type"],
                                "displayUrl": expected["displayUrl"], "rpcUrl": expected["rpcUrl"],
                                "primary": expected["primary"], "system": expected["system"]})


class ReadingLinks(LinksTestCase):
    def test_list_is_the_demo_links_as_the_server_has_them(self):
        links = self.ok_json(self.admin("links", "list", "--format", "json"))
        self.assertEqual([link["id"] for link in links], SEEDED)  # not the OAuth 2.0 client
        held = self.server_links()
        for link in links:
            self.assertLinkJson(link, held[link["id"]])
        self.assertEqual({link["name"] for link in links}, {"Bamboo", "Confluence", "Release Radar", "Bitbucket"})

    def test_list_as_a_table_and_csv(self):
        table = self.admin("links", "list")
        self.assertExit(table, OK)
        header = table.stdout.splitlines()[0].split()
        self.assertEqual(header[:3], ["id", "name", "type"])
        self.assertIn("incoming", header)
        bamboo = next(line for line in table.stdout.splitlines() if line.startswith(BAMBOO))
        self.assertIn("OAuth", bamboo)  # its incoming and outgoing OAuth
        rows = list(csv.reader(io.StringIO(self.admin("links", "list", "--format", "csv").stdout)))
        self.assertEqual(len(rows), 1 + len(SEEDED))
        self.assertEqual([row[0] for row in rows[1:]], SEEDED)

    def test_get_shows_the_link_and_its_oauth(self):
        link = self.ok_json(self.admin("links", "get", BAMBOO, "--format", "json"))
        oauth = link.pop("oauth")
        self.assertLinkJson(link, self.server_link(BAMBOO))
        levels = self.rest("admin").get(f"{self.url}/rest/applinks/3.0/status/{BAMBOO}/oauth").json()
        self.assertEqual(oauth, levels)

    def test_unknown_and_malformed_ids(self):
        run = self.admin("links", "get", NO_SUCH_LINK)
        self.assertFailsPlainly(run, SERVER)
        self.assertIn(NO_SUCH_LINK, run.stderr)
        self.assertIn("links list", run.stderr)
        for command in (("get", "nonsense"), ("delete", "nonsense", "--yes"), ("status", "nonsense")):
            with self.subTest(command=command):
                run = self.admin("links", *command)
                self.assertFailsPlainly(run, USAGE)
                self.assertIn("not an application link id", run.stderr)

    def test_status_of_every_link_says_what_is_wrong_and_what_to_do(self):
        run = self.admin("links", "status", "--format", "json")
        statuses = {entry["id"]: entry for entry in self.ok_json(run)}  # broken links are findings
        self.assertEqual(list(statuses), SEEDED)
        for entry in statuses.values():
            self.assertEqual(set(entry), STATUS_KEYS, entry)
            self.assertTrue(entry["diagnosis"])
        bamboo = statuses[BAMBOO]
        self.assertEqual((bamboo["working"], bamboo["errorType"], bamboo["problem"], bamboo["verdict"]),
                         (False, "UNKNOWN_HOST", "unknown-host", "broken"))
        self.assertIn("bamboo.example.test", bamboo["diagnosis"])
        self.assertIn("relocate", bamboo["advice"])
        radar = statuses[RADAR]
        self.assertEqual((radar["errorType"], radar["verdict"]), ("GENERIC_LINK", "not-checked"))
        # The same answers the REST API gives.
        direct = self.rest("admin").get(f"{self.url}/rest/applinks/3.0/status/{CONFLUENCE}").json()
        self.assertEqual(statuses[CONFLUENCE]["errorType"], direct["error"]["type"])

    def test_status_of_one_link(self):
        entries = self.ok_json(self.admin("links", "status", CONFLUENCE, "--format", "json"))
        self.assertEqual([(e["id"], e["name"]) for e in entries], [(CONFLUENCE, "Confluence")])
        table = self.admin("links", "status", CONFLUENCE)
        self.assertExit(table, OK)
        self.assertIn("wiki.example.test", table.stdout)
        gone = self.admin("links", "status", NO_SUCH_LINK)
        self.assertFailsPlainly(gone, SERVER)

    def test_a_status_check_that_fails_for_one_link_is_a_partial_failure(self):
        self.sim.add_fault(method="GET", path=f"/rest/applinks/3.0/status/{BAMBOO}", status=500,
                           contentType="application/json",
                           body='{"status":500,"errors":[{"summary":"Status service down"}]}')
        run = self.admin("links", "status", "--format", "json")
        self.assertExit(run, PARTIAL)
        statuses = {entry["id"]: entry for entry in run.json()}
        self.assertIsNone(statuses[BAMBOO]["working"])
        self.assertEqual(statuses[BAMBOO]["verdict"], "unknown")
        self.assertFalse(statuses[CONFLUENCE]["working"])
        self.assertIn("Bamboo", run.stderr)
        self.assertNoQtNoise(run)

    def test_non_admins_see_none_of_it(self):
        for command in (("list",), ("get", BAMBOO), ("status",), ("status", BAMBOO),
                        ("create", "http://alice-tool.example.test"), ("update", BAMBOO, "--name", "x"),
                        ("relocate", BAMBOO, "http://x.example.test"), ("primary", RADAR),
                        ("delete", RADAR, "--yes")):
            with self.subTest(command=command):
                self.assertFailsPlainly(self.alice("links", *command), AUTH)
        self.assertEqual(set(self.server_links()), set(SEEDED))
        self.assertEqual(self.activity(), [])  # nothing was even tried

    def test_usage_errors(self):
        for args in (("links",), ("links", "list", "extra"), ("links", "relocate", BAMBOO),
                     ("links", "update", BAMBOO), ("links", "create", "http://x.test", "--remote-user", "r"),
                     ("links", "create", "http://x.test", "--two-way")):
            with self.subTest(args=args):
                self.assertFailsPlainly(self.admin(*args), USAGE)


class CreatingLinks(LinksTestCase):
    SIM_PER_TEST = True

    def test_a_generic_link_to_an_address_that_does_not_answer_needs_insisting(self):
        run = self.admin("links", "create", "http://nothing-here.invalid")
        self.assertFailsPlainly(run, NETWORK)
        self.assertIn("Nothing answers at http://nothing-here.invalid", run.stderr)
        self.assertIn("--type generic", run.stderr)
        self.assertEqual(set(self.server_links()), set(SEEDED))

        created = self.ok_json(self.admin("links", "create", "http://nothing-here.invalid", "--type", "generic",
                                          "--name", "Silent Tool", "--format", "json"))
        held = self.server_link(created["id"])
        self.assertLinkJson(created, held)
        self.assertEqual((held["name"], held["type"], held["rpcUrl"]),
                         ("Silent Tool", "generic", "http://nothing-here.invalid"))
        self.assertEqual(created["id"], java_name_uuid("http://nothing-here.invalid"))
        [row] = self.activity()
        self.assertEqual((row["action"], row["outcome"]), ("create-applink", "succeeded"))
        self.assertIn("Silent Tool", row["target"])

    def test_an_atlassian_application_is_linked_under_its_own_id(self):
        run = self.admin("links", "create", "http://jira5.example.test", "--name", "Jira Five", "--format", "json")
        # The link exists; OAuth could not be set up because the remote never really answers.
        self.assertExit(run, PARTIAL)
        created = run.json()
        self.assertEqual(created["id"], java_name_uuid("http://jira5.example.test"))  # the manifest's id
        held = self.server_link(created["id"])
        self.assertLinkJson(created, held)
        self.assertEqual(held["type"], "jira")
        self.assertIn("OAuth could not be set up", run.stderr)
        actions = [(row["action"], row["outcome"]) for row in self.activity()]
        self.assertEqual(actions, [("configure-applink-oauth", "failed"), ("create-applink", "succeeded")])

    def test_a_non_atlassian_application_gets_a_generic_link(self):
        run = self.admin("links", "create", "http://tools.example.test", "--primary", "--format", "json")
        created = self.ok_json(run)
        held = self.server_link(created["id"])
        self.assertEqual((held["type"], held["name"], held["primary"]), ("generic", "tools.example.test", True))
        self.assertFalse(self.server_link(RADAR)["primary"])  # one primary link per type
        self.assertIn("not an Atlassian application", run.stderr)

    def test_each_refusal_names_the_field_and_creates_nothing(self):
        cases = [
            (("http://newtool.example.test", "--name", "Confluence"), SERVER, ["--name", "Confluence"]),
            (("http://wiki.example.test/",), SERVER, ["URL", "exists already", "Confluence"]),
            ((self.url,), SERVER, ["URL", "itself"]),
            (("http://bamboo9.example.test", "--type", "confluence"), SERVER, ["--type", "Bamboo"]),
            (("http://bamboo9.example.test", "--type", "wiki"), USAGE, ["--type", "wiki"]),
            (("not a url",), USAGE, ["URL"]),
        ]
        for args, code, words in cases:
            with self.subTest(args=args):
                run = self.admin("links", "create", *args)
                self.assertFailsPlainly(run, code)
                for word in words:
                    self.assertIn(word, run.stderr)
        self.assertEqual(set(self.server_links()), set(SEEDED))
        self.assertEqual(self.activity(), [])

    def test_two_way_with_the_remote_administrator(self):
        secret = "remote-secret-8c1f"
        run = self.admin("links", "create", "http://wiki30.example.test", "--name", "Team Wiki", "--two-way",
                         "--remote-user", "remote-admin", "--remote-password-env", REMOTE_PASSWORD_VAR,
                         "--format", "json", env={REMOTE_PASSWORD_VAR: secret})
        # trackersim creates this end and reports the remote end, but cannot set up OAuth there.
        self.assertExit(run, PARTIAL)
        held = self.server_link(run.json()["id"])
        self.assertEqual((held["name"], held["type"]), ("Team Wiki", "confluence"))
        self.assertIn("OAuth could not be set up on both ends", run.stderr)
        [row] = self.activity()
        self.assertIn("two-way", row["target"])
        self.assertSecretNowhere(secret, [run])

        missing = self.admin("links", "create", "http://wiki31.example.test", "--name", "Other Wiki", "--two-way",
                             "--remote-user", "remote-admin", "--remote-password-env", REMOTE_PASSWORD_VAR)
        self.assertFailsPlainly(missing, USAGE)
        self.assertIn(REMOTE_PASSWORD_VAR, missing.stderr)
        # The remote refuses its administrator's credentials (Jira's E3 answer, injected: trackersim
        # never reaches a remote): the field is named, and the password still goes nowhere.
        self.sim.add_fault(method="POST", path="/rest/applinks/1.0/applicationlinkForm/createAppLink", status=401,
                           contentType="application/json", headers={"X-AUSERNAME": "admin"}, times=1,
                           body='{"status":401,"message":["Not an administrator."],"fields":["authorization"]}')
        refused = self.admin("links", "create", "http://wiki32.example.test", "--name", "Wiki 32", "--two-way",
                             "--remote-user", "remote-admin", "--remote-password-env", REMOTE_PASSWORD_VAR,
                             env={REMOTE_PASSWORD_VAR: secret})
        self.assertFailsPlainly(refused, AUTH)
        self.assertIn("--remote-user", refused.stderr)
        self.assertIn("refused the administrator credentials", refused.stderr)
        self.assertSecretNowhere(secret, [run, refused])
        generic = self.admin("links", "create", "http://tools.example.test", "--two-way", "--remote-user", "r",
                             "--remote-password-env", REMOTE_PASSWORD_VAR, env={REMOTE_PASSWORD_VAR: secret})
        self.assertFailsPlainly(generic, SERVER)
        self.assertIn("--two-way", generic.stderr)

    def test_a_lost_answer_is_looked_up_before_anything_is_claimed(self):
        # The answer breaks off after the link was stored; the retry is refused as a duplicate.
        self.sim.add_fault(method="PUT", path="/rest/applinks/2.0/applicationlink", action="truncate", times=1)
        created = self.ok_json(self.admin("links", "create", "http://half-answer.example.test", "--format", "json"))
        self.assertEqual(self.server_link(created["id"])["rpcUrl"], "http://half-answer.example.test")
        # No answer at all: nothing is claimed, and the exit code says the network failed.
        self.sim.add_fault(method="PUT", path="/rest/applinks/2.0/applicationlink", action="stall", times=1)
        run = self.admin("links", "create", "http://no-answer.example.test", "--timeout", "2")
        self.assertFailsPlainly(run, NETWORK)
        self.assertIn("answer was lost", run.stderr)
        row = self.activity()[0]
        self.assertEqual(row["outcome"], "unknown")
        self.assertTrue(row["error"], row)

    def test_a_cookie_session_admin_passes_websudo(self):
        # The v2 create and the v1 "make primary" are websudo-protected for cookie sessions.
        session = ("--server", self.url, "--auth", "session", "--user", "admin", "--password-env", PASSWORD_VAR)
        created = self.ok_json(self.cli(*session, "links", "create", "http://session-tool.example.test",
                                        "--format", "json", env={PASSWORD_VAR: "admin"}))
        self.assertIsNotNone(self.server_link(created["id"]))
        made = self.ok_json(self.cli(*session, "links", "primary", created["id"], "--format", "json",
                                     env={PASSWORD_VAR: "admin"}))
        self.assertTrue(made["primary"])
        self.assertTrue(self.server_link(created["id"])["primary"])


class ChangingLinks(LinksTestCase):
    SIM_PER_TEST = True

    def test_update_name_and_urls(self):
        link_id = self.create_generic("Build Radar", "http://radar2.example.test")
        updated = self.ok_json(self.admin("links", "update", link_id, "--name", "Build Radar 2",
                                          "--display-url", "http://radar2.example.test/ui",
                                          "--rpc-url", "http://radar3.example.test", "--format", "json"))
        held = self.server_link(link_id)
        self.assertLinkJson(updated, held)
        self.assertEqual((held["name"], held["displayUrl"], held["rpcUrl"]),
                         ("Build Radar 2", "http://radar2.example.test/ui", "http://radar3.example.test"))

        taken = self.admin("links", "update", link_id, "--name", "Confluence")
        self.assertFailsPlainly(taken, SERVER)
        self.assertIn("--name", taken.stderr)
        bad = self.admin("links", "update", link_id, "--rpc-url", "ftp://radar.example.test")
        self.assertFailsPlainly(bad, USAGE)
        self.assertIn("--rpc-url", bad.stderr)
        self.assertEqual(self.server_link(link_id), held)
        outcomes = [(row["action"], row["outcome"]) for row in self.activity()]
        self.assertEqual(outcomes, [("update-applink", "failed"), ("update-applink", "succeeded")])

    def test_relocate_asks_when_the_new_address_does_not_answer(self):
        link_id = self.create_generic("Moving CI", "http://old-ci.example.test")
        moved = self.ok_json(self.admin("links", "relocate", link_id, "http://new-ci.example.test", "--format", "json"))
        self.assertEqual(self.server_link(link_id)["rpcUrl"], "http://new-ci.example.test")
        self.assertEqual(moved["rpcUrl"], "http://new-ci.example.test")

        refused = self.admin("links", "relocate", link_id, "http://gone.invalid")
        self.assertFailsPlainly(refused, USAGE)
        self.assertIn("--yes", refused.stderr)
        no = self.cli_in_terminal("--server", self.url, "--user", "admin", "--password-env", PASSWORD_VAR,
                                  "links", "relocate", link_id, "http://gone.invalid", answer="n\n",
                                  env={PASSWORD_VAR: "admin"})
        self.assertExit(no, USAGE)
        self.assertIn("Nothing answers at http://gone.invalid", no.stderr)
        self.assertEqual(self.server_link(link_id)["rpcUrl"], "http://new-ci.example.test")
        yes = self.cli_in_terminal("--server", self.url, "--user", "admin", "--password-env", PASSWORD_VAR,
                                   "links", "relocate", link_id, "http://gone.invalid", answer="y\n",
                                   env={PASSWORD_VAR: "admin"})
        self.assertExit(yes, OK)
        self.assertEqual(self.server_link(link_id)["rpcUrl"], "http://gone.invalid")

    def test_make_primary(self):
        link_id = self.create_generic("Second Tool", "http://second.example.test")
        self.assertFalse(self.server_link(link_id)["primary"])
        made = self.ok_json(self.admin("links", "primary", link_id, "--format", "json"))
        self.assertTrue(made["primary"])
        self.assertTrue(self.server_link(link_id)["primary"])
        self.assertFalse(self.server_link(RADAR)["primary"])
        [row] = self.activity()
        self.assertEqual((row["action"], row["outcome"]), ("make-applink-primary", "succeeded"))

    def test_delete_this_end_asks_first(self):
        refused = self.admin("links", "delete", RADAR)
        self.assertFailsPlainly(refused, USAGE)
        no = self.cli_in_terminal("--server", self.url, "--user", "admin", "--password-env", PASSWORD_VAR,
                                  "links", "delete", RADAR, answer="n\n", env={PASSWORD_VAR: "admin"})
        self.assertExit(no, USAGE)
        self.assertIn("Release Radar", no.stderr)  # the question names the link
        self.assertIsNotNone(self.server_link(RADAR))
        self.assertEqual(self.activity(), [])

        deleted = self.ok_json(self.admin("links", "delete", RADAR, "--yes", "--format", "json"))
        self.assertEqual(deleted, {"id": RADAR, "name": "Release Radar", "deleted": True, "bothEnds": False})
        self.assertIsNone(self.server_link(RADAR))
        [row] = self.activity()
        self.assertEqual((row["action"], row["outcome"]), ("delete-applink", "succeeded"))

    def test_delete_both_ends(self):
        # A link to this very server is its own remote: both ends go.
        reply = self.rest("admin").put(f"{self.url}/rest/applinks/2.0/applicationlink",
                                       json={"typeId": "jira", "name": "Myself", "rpcUrl": self.url,
                                             "displayUrl": self.url})
        self.assertEqual(reply.status_code, 201, reply.text)
        self_link = java_name_uuid(self.url)
        deleted = self.ok_json(self.admin("links", "delete", self_link, "--both", "--yes", "--format", "json"))
        self.assertTrue(deleted["bothEnds"])
        self.assertIsNone(self.server_link(self_link))

        # Nobody holds an OAuth token for a remote trackersim cannot reach: credentials required.
        run = self.admin("links", "delete", CONFLUENCE, "--both", "--yes")
        self.assertFailsPlainly(run, AUTH)
        self.assertIn("credentials required", run.stderr)
        self.assertIn("delete this end only", run.stderr)
        self.assertIsNotNone(self.server_link(CONFLUENCE))
        outcomes = [(row["action"], row["outcome"]) for row in self.activity()]
        self.assertEqual(outcomes, [("delete-applink-both-ends", "failed"), ("delete-applink-both-ends", "succeeded")])


if __name__ == "__main__":
    unittest.main()
