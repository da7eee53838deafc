"""oauth2-clients list / create / update / reset / delete against trackersim (issue 8 section 3).

A client secret is printed by create and reset only, once, with a note on stderr, and never by list
nor written to any file the CLI keeps. Whether a secret works is checked the way an application
would: alice consents in a (requests) browser and the code is exchanged at the token endpoint with
that secret.
"""
import csv
import io
import socket
import uuid

import requests

from clitest import AUTH, OK, SERVER, USAGE, CliTestCase
from oauth2flow import REDIRECT, OAuth2Steps

CLIENT_KEYS = {"id", "clientId", "name", "redirects", "scope", "userKey"}
CLIENTS = "/rest/oauth2/latest/client"


def closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ClientsTestCase(CliTestCase, OAuth2Steps):
    def admin(self, *args, **kwargs):
        return self.as_user("admin", *args, **kwargs)

    def on_server(self):
        reply = self.rest("admin").get(self.url + CLIENTS)
        self.assertEqual(reply.status_code, 200, reply.text)
        return {client["id"]: client for client in reply.json()}

    def create(self, *extra, name=None, redirect="https://app.example.test/cb", scope="READ"):
        name = name or "cli-" + uuid.uuid4().hex[:8]
        run = self.admin("oauth2-clients", "create", name, "--redirect", redirect, "--scope", scope,
                         "--format", "json", *extra)
        return self.ok_json(run), run

    def exchange(self, client_id, secret):
        """Alice consents; the code is exchanged with this secret. Returns the token reply."""
        browser = self.browser("alice")
        _, fields = self.consent_form(browser, self.authorize_params({"clientId": client_id}, scope="READ"))
        code = self.decide(browser, fields)["code"]
        return requests.post(self.url + "/rest/oauth2/latest/token", data={
            "grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT,
            "client_id": client_id, "client_secret": secret})


class Lifecycle(ClientsTestCase):
    def test_create_prints_the_secret_once_and_list_never(self):
        before = self.on_server()
        doc, run = self.create(scope="write")  # lower case is taken too
        self.assertEqual(set(doc), CLIENT_KEYS | {"clientSecret"})
        self.assertEqual(doc["scope"], "WRITE")
        self.assertEqual(doc["redirects"], ["https://app.example.test/cb"])
        self.assertIn("only time the client secret is shown", run.stderr)
        secret = doc["clientSecret"]
        held = self.on_server()
        self.assertEqual(set(held) - set(before), {doc["id"]})
        self.assertEqual(held[doc["id"]]["clientSecret"], secret)
        self.assertEqual(held[doc["id"]]["clientId"], doc["clientId"])

        listed = self.ok_json(self.admin("oauth2-clients", "list", "--format", "json"))
        self.assertEqual({c["id"] for c in listed}, set(held))
        for client in listed:
            self.assertEqual(set(client), CLIENT_KEYS)
        table = self.admin("oauth2-clients", "list")
        as_csv = self.admin("oauth2-clients", "list", "--format", "csv")
        rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
        self.assertIn(doc["clientId"], {row["client id"] for row in rows})
        activity = self.admin("activity", "list", "--format", "json")
        self.assertIn(("create-oauth2-client", "succeeded"),
                      {(e["action"], e["outcome"]) for e in self.ok_json(activity)})
        self.assertSecretNowhere(secret, runs=[table, as_csv, activity])

    def test_update_is_partial_and_takes_id_or_client_id(self):
        doc, _ = self.create()
        updated = self.ok_json(self.admin("oauth2-clients", "update", doc["clientId"], "--scope", "admin",
                                          "--format", "json"))
        self.assertEqual(set(updated), CLIENT_KEYS)
        self.assertEqual(updated["scope"], "ADMIN")
        self.assertEqual(updated["name"], doc["name"])
        held = self.on_server()[doc["id"]]
        self.assertEqual((held["scope"], held["name"], held["redirects"]), ("ADMIN", doc["name"], doc["redirects"]))
        self.assertEqual(held["clientSecret"], doc["clientSecret"])

        renamed = self.ok_json(self.admin("oauth2-clients", "update", doc["id"], "--name", doc["name"] + " 2",
                                          "--redirect", "https://a.example.test/cb",
                                          "--redirect", "http://localhost:9000/cb", "--format", "json"))
        self.assertEqual(renamed["name"], doc["name"] + " 2")
        self.assertEqual(self.on_server()[doc["id"]]["redirects"],
                         ["https://a.example.test/cb", "http://localhost:9000/cb"])
        self.assertFailsPlainly(self.admin("oauth2-clients", "update", doc["id"]), USAGE)
        taken = self.admin("oauth2-clients", "update", doc["id"], "--name", "Deploy Dashboard")
        self.assertFailsPlainly(taken, USAGE)
        self.assertIn("--name", taken.stderr)
        self.assertEqual(self.on_server()[doc["id"]]["name"], doc["name"] + " 2")

    def test_reset_the_old_secret_stops_working(self):
        doc, _ = self.create(redirect=REDIRECT, scope="READ")
        old = doc["clientSecret"]
        self.assertEqual(self.exchange(doc["clientId"], old).status_code, 200)

        no_terminal = self.admin("oauth2-clients", "reset", doc["id"])
        self.assertFailsPlainly(no_terminal, USAGE)
        self.assertEqual(self.on_server()[doc["id"]]["clientSecret"], old)

        reset = self.admin("oauth2-clients", "reset", doc["id"], "--yes", "--format", "json")
        new = self.ok_json(reset)["clientSecret"]
        self.assertNotEqual(new, old)
        self.assertIn("only time the client secret is shown", reset.stderr)
        self.assertEqual(self.on_server()[doc["id"]]["clientSecret"], new)

        refused = self.exchange(doc["clientId"], old)
        self.assertEqual(refused.status_code, 401, refused.text)
        self.assertEqual(refused.json()["error"], "invalid_client")
        self.assertEqual(self.exchange(doc["clientId"], new).status_code, 200)

        listed = self.admin("oauth2-clients", "list", "--format", "json")
        self.assertSecretNowhere(new, runs=[listed])

    def test_reset_and_delete_ask_naming_what_stops_working(self):
        doc, _ = self.create()
        env = {"ACCESSDESK_TEST_PASSWORD": "admin"}
        base = ("--server", self.url, "--user", "admin", "--password-env", "ACCESSDESK_TEST_PASSWORD",
                "oauth2-clients")
        declined = self.cli_in_terminal(*base, "reset", doc["id"], answer="n\n", env=env)
        self.assertExit(declined, USAGE)
        self.assertIn(doc["name"], declined.stderr)
        self.assertIn("stops working", declined.stderr)
        self.assertEqual(self.on_server()[doc["id"]]["clientSecret"], doc["clientSecret"])

        kept = self.cli_in_terminal(*base, "delete", doc["id"], answer="\n", env=env)
        self.assertExit(kept, USAGE)
        self.assertIn("lose access", kept.stderr)
        self.assertIn(doc["id"], self.on_server())

        deleted = self.cli_in_terminal(*base, "delete", doc["id"], "--format", "json", answer="y\n", env=env)
        body = self.ok_json(deleted)
        self.assertEqual(body["deleted"], True)
        self.assertEqual(body["id"], doc["id"])
        self.assertNotIn("clientSecret", body)
        self.assertNotIn(doc["id"], self.on_server())
        self.assertEqual(self.rest("admin").get(f"{self.url}{CLIENTS}/{doc['id']}").status_code, 404)

        again = self.admin("oauth2-clients", "delete", doc["id"], "--yes")
        self.assertFailsPlainly(again, SERVER)


class Refusals(ClientsTestCase):
    def test_invalid_redirects_are_refused_here_with_the_field_named(self):
        before = self.on_server()
        # Refused before connecting: the server named is not even there.
        run = self.cli("--server", f"http://127.0.0.1:{closed_port()}", "--user", "admin", "--password-env",
                       "ACCESSDESK_TEST_PASSWORD", "oauth2-clients", "create", "Bad redirects",
                       "--redirect", "https://ok.example.test/cb",
                       "--redirect", "https://app.example.test/cb#frag",
                       "--redirect", "http://app.example.test/cb", "--scope", "READ",
                       env={"ACCESSDESK_TEST_PASSWORD": "admin"})
        self.assertFailsPlainly(run, USAGE)
        self.assertIn("--redirect https://app.example.test/cb#frag", run.stderr)
        self.assertIn("fragment", run.stderr)
        self.assertIn("--redirect http://app.example.test/cb", run.stderr)
        self.assertIn("https://", run.stderr)
        self.assertNotIn("--redirect https://ok.example.test/cb:", run.stderr)
        self.assertIn("nothing was sent", run.stderr)

        no_scope = self.admin("oauth2-clients", "create", "No scope", "--redirect", "https://ok.example.test/cb")
        self.assertFailsPlainly(no_scope, USAGE)
        self.assertIn("--scope", no_scope.stderr)
        bad_scope = self.admin("oauth2-clients", "create", "Cloud scope", "--redirect", "https://ok.example.test/cb",
                               "--scope", "read:jira-work")
        self.assertFailsPlainly(bad_scope, USAGE)
        self.assertIn("--scope", bad_scope.stderr)
        self.assertEqual(self.on_server(), before)

    def test_duplicate_name_is_refused(self):
        before = self.on_server()
        run = self.admin("oauth2-clients", "create", "deploy dashboard", "--redirect", "https://ok.example.test/cb",
                         "--scope", "READ")
        self.assertFailsPlainly(run, USAGE)
        self.assertIn("NAME", run.stderr)
        self.assertIn("already exists", run.stderr)
        self.assertEqual(self.on_server(), before)

    def test_non_sysadmin_is_refused(self):
        for args in (("list",), ("create", "Alice's", "--redirect", "https://ok.example.test/cb", "--scope", "READ"),
                     ("delete", "6b1d9e2f-4c3a-4b5d-8e7f-9a0b1c2d3e4f", "--yes")):
            with self.subTest(args[0]):
                run = self.alice("oauth2-clients", *args)
                self.assertFailsPlainly(run, AUTH)
                self.assertIn("not allowed", run.stderr)

    def test_unknown_client(self):
        for sub in ("update", "reset", "delete"):
            with self.subTest(sub):
                extra = ("--scope", "READ") if sub == "update" else ("--yes",)
                run = self.admin("oauth2-clients", sub, "no-such-client", *extra)
                self.assertFailsPlainly(run, SERVER)
                self.assertIn("no-such-client", run.stderr)


class WithoutProvider(CliTestCase):
    SIM_ARGS = ("--no-oauth2",)

    def test_not_available_is_said_plainly(self):
        for args in (("list",), ("create", "Too early", "--redirect", "https://ok.example.test/cb", "--scope", "READ")):
            with self.subTest(args[0]):
                run = self.as_user("admin", "oauth2-clients", *args)
                self.assertFailsPlainly(run, SERVER)
                self.assertIn("not available on this server", run.stderr)
                self.assertIn("8.22", run.stderr)


if __name__ == "__main__":
    import unittest
    unittest.main()
