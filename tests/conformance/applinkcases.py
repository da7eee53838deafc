"""Shared fixtures for the application-link conformance tests (spec section 3)."""
import contextlib
import hashlib
import os
import sqlite3
import tempfile
import uuid

from simharness import SimTestCase

# The demo seed's links (tests/trackersim/store/Seed.cpp).
BAMBOO = "4a3c1b7e-58f2-3d4e-9c61-0f2b7a9d1e01"
CONFLUENCE = "8d2e5f10-3a4b-3c5d-8e6f-7a8b9c0d1e02"
RADAR = "c5b7a913-2d4f-3e6a-b8c0-d1e2f3a4b503"
BITBUCKET = "e7f8a9b0-c1d2-3e4f-a5b6-c7d8e9f0a104"
SEEDED = [BAMBOO, CONFLUENCE, RADAR, BITBUCKET]
DEPLOY_DASHBOARD = "6b1d9e2f-4c3a-4b5d-8e7f-9a0b1c2d3e4f"  # an OAuth 2.0 client

PROVIDER = "com.atlassian.applinks.api.auth.types."
OAUTH = PROVIDER + "OAuthAuthenticationProvider"
TWO_LO = PROVIDER + "TwoLeggedOAuthAuthenticationProvider"
NO_CHECK = {"X-Atlassian-Token": "no-check"}


def java_name_uuid(text):
    """Java's UUID.nameUUIDFromBytes, which applinks uses to derive link ids from URLs."""
    return str(uuid.UUID(bytes=hashlib.md5(text.encode()).digest(), version=3))


class AppLinksTestCase(SimTestCase):
    def session(self, user=None, password=None):
        s = super().session(user, password)
        self.addCleanup(s.close)
        return s

    def rest(self, version, tail):
        return f"{self.url}/rest/applinks/{version}/{tail}"

    def admin(self):
        return self.session("admin")

    def create_v2(self, **fields):
        """Creates a link through PUT /rest/applinks/2.0/applicationlink and returns its id."""
        body = {"typeId": "generic", "displayUrl": fields.get("rpcUrl")}
        body.update(fields)
        reply = self.admin().put(self.rest("2.0", "applicationlink"), json=body)
        self.assertEqual(reply.status_code, 201, reply.text)
        return reply.json()["resources-created"][0]["href"].rsplit("/", 1)[1]

    def v3_link(self, link_id):
        reply = self.admin().get(self.rest("3.0", "applinks/" + link_id))
        self.assertEqual(reply.status_code, 200, reply.text)
        return reply.json()

    def assertE2(self, reply, status, message=None):
        self.assertEqual(reply.status_code, status, reply.text)
        body = reply.json()
        self.assertEqual(body["status-code"], status)
        if message is not None:
            self.assertEqual(body["message"], message)
        return body

    def assertE3(self, reply, status, fields=None):
        self.assertEqual(reply.status_code, status, reply.text)
        body = reply.json()
        self.assertEqual(body["status"], status)
        self.assertIsInstance(body["message"], list)
        self.assertTrue(body["message"])
        if fields is None:
            self.assertNotIn("fields", body)
        else:
            self.assertEqual(body["fields"], fields)
        return body

    def assertE4(self, reply, status, contexts=None):
        self.assertEqual(reply.status_code, status, reply.text)
        body = reply.json()
        self.assertEqual(body["status"], status)
        self.assertTrue(all("summary" in error for error in body["errors"]))
        if contexts is not None:
            self.assertEqual(sorted(e.get("context") for e in body["errors"] if e.get("context")),
                             sorted(contexts))
        return body


class StoredAppLinksTestCase(AppLinksTestCase):
    """Keeps the data in a file, so a test can check rows no REST call of this area shows."""

    @classmethod
    def setUpClass(cls):
        cls.data_dir = tempfile.TemporaryDirectory()
        cls.db_path = os.path.join(cls.data_dir.name, "trackersim.db")
        cls.SIM_ARGS = ("--data", cls.db_path)
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls.data_dir.cleanup()

    def count(self, sql, *values):
        with contextlib.closing(sqlite3.connect(self.db_path)) as db:
            return db.execute(sql, values).fetchone()[0]
