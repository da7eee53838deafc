"""OAuth 2.0 client (incoming link) management, sysadmin only (spec 6.1), with E6a errors."""
import unittest

import requests

from oauth2flow import REDIRECT
from simharness import SimTestCase

BASE = "/rest/oauth2/latest/client"


class ClientManagement(SimTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin_session = requests.Session()
        cls.admin_session.headers.update({"Accept": "application/json", "User-Agent": "conformance-tests/1.0"})
        cls.admin_session.auth = ("admin", "admin")

    @classmethod
    def tearDownClass(cls):
        cls.admin_session.close()
        super().tearDownClass()

    def admin(self):
        return self.admin_session

    def create(self, **body):
        payload = {"name": "Client", "redirects": [REDIRECT], "scope": "WRITE"}
        payload.update(body)
        return self.admin().post(self.url + BASE, json=payload)

    def field_errors(self, reply):
        self.assertEqual(reply.status_code, 400, reply.text)
        body = reply.json()
        self.assertEqual(set(body), {"errors", "fieldErrors"})
        return body["fieldErrors"]

    def test_list_includes_secrets_and_the_seeded_client(self):
        reply = self.admin().get(self.url + BASE)
        self.assertEqual(reply.status_code, 200)
        clients = {c["name"]: c for c in reply.json()}
        seeded = clients["Deploy Dashboard"]
        self.assertEqual(seeded["clientId"], "d3f1a2b4c5e6f708192a3b4c5d6e7f80")
        self.assertRegex(seeded["clientSecret"], r"^[0-9a-f]{64}$")
        self.assertEqual(seeded["scope"], "WRITE")

    def test_create_get_update_reset_delete(self):
        created = self.create(name="Lifecycle", scope="READ")
        self.assertEqual(created.status_code, 200)
        client = created.json()
        url = self.url + BASE + "/" + client["id"]
        self.assertEqual(self.admin().get(url).json(), client)

        # Partial update: blank name and empty redirects keep the stored values.
        update = self.admin().put(url, json={"name": " ", "redirects": [], "scope": "ADMIN"})
        self.assertEqual(update.status_code, 204)
        after = self.admin().get(url).json()
        self.assertEqual((after["name"], after["redirects"], after["scope"]), ("Lifecycle", [REDIRECT], "ADMIN"))
        update = self.admin().put(url, json={"name": "Lifecycle 2", "redirects": ["https://app.example.test/cb"]})
        self.assertEqual(update.status_code, 204)
        after = self.admin().get(url).json()
        self.assertEqual((after["name"], after["redirects"], after["scope"]),
                         ("Lifecycle 2", ["https://app.example.test/cb"], "ADMIN"))

        reset = self.admin().put(self.url + BASE + "/reset/" + client["clientId"])
        self.assertEqual(reset.status_code, 200)
        self.assertEqual(reset.json()["clientId"], client["clientId"])
        self.assertRegex(reset.json()["clientSecret"], r"^[0-9a-f]{64}$")
        self.assertNotEqual(reset.json()["clientSecret"], client["clientSecret"])

        deleted = self.admin().delete(url)
        self.assertEqual(deleted.status_code, 200)
        self.assertEqual(deleted.json()["id"], client["id"])
        self.assertEqual(deleted.json()["name"], "Lifecycle 2")
        gone = self.admin().get(url)
        self.assertEqual(gone.status_code, 404)
        self.assertEqual(gone.json()["fieldErrors"], {})
        self.assertEqual(len(gone.json()["errors"]), 1)

    def test_unknown_ids_are_404(self):
        for reply in (self.admin().get(self.url + BASE + "/nope"),
                      self.admin().put(self.url + BASE + "/nope", json={"name": "x"}),
                      self.admin().delete(self.url + BASE + "/nope"),
                      self.admin().put(self.url + BASE + "/reset/nope")):
            self.assertEqual(reply.status_code, 404)
            self.assertIn("errors", reply.json())

    def test_name_validation(self):
        self.assertIn("name", self.field_errors(self.create(name="")))
        self.assertIn("name", self.field_errors(self.create(name="n" * 256)))
        self.assertEqual(self.create(name="Unique Name").status_code, 200)
        self.assertIn("name", self.field_errors(self.create(name="Unique Name")))

    def test_redirect_validation(self):
        bad = [
            [],
            ["/relative/callback"],
            ["https://app.example.test/" + "x" * 450],
            ["https://app.example.test/cb#fragment"],
            ["http://app.example.test/cb"],
        ]
        for redirects in bad:
            with self.subTest(redirects=redirects):
                errors = self.field_errors(self.create(name="Bad Redirect", redirects=redirects))
                self.assertEqual(list(errors), ["redirects"])
                self.assertIsInstance(errors["redirects"], list)
        for i, good in enumerate(("http://localhost:1234/cb", "http://127.0.0.1/cb", "https://app.example.test/cb")):
            self.assertEqual(self.create(name="Good Redirect %d" % i, redirects=[good]).status_code, 200, good)

    def test_scope_validation(self):
        for scope in ("", "read:jira-work", "SUPERUSER"):
            self.assertEqual(list(self.field_errors(self.create(name="Scoped", scope=scope))), ["scope"])
        errors = self.field_errors(self.create(name="", redirects=[], scope="NONE"))
        self.assertEqual(set(errors), {"name", "redirects", "scope"})

    def test_only_sysadmins(self):
        for user in ("alice", "bob"):
            reply = requests.get(self.url + BASE, auth=(user, user))
            self.assertEqual(reply.status_code, 401)
            body = reply.json()
            self.assertEqual(body["fieldErrors"], {})
            self.assertIn("unauthorized", body["errors"][0])
            reply = requests.post(self.url + BASE, auth=(user, user), json={"name": "Sneaky", "redirects": [REDIRECT],
                                                                   "scope": "READ"})
            self.assertEqual(reply.status_code, 401)
        anonymous = requests.get(self.url + BASE, headers={"Accept": "application/json"})
        self.assertEqual(anonymous.status_code, 401)


if __name__ == "__main__":
    unittest.main()
