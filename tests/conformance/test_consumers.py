"""Incoming OAuth 1.0a consumers of application links (spec 4.1) and this instance's consumer-info
(spec 4.4): shapes, key handling, errors, permissions and websudo."""
import base64
import os
import tempfile
import unittest
import warnings
import xml.etree.ElementTree as ElementTree

import requests
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import load_der_public_key
from oauthlib.oauth1 import SIGNATURE_HMAC, SIGNATURE_RSA
from requests_oauthlib import OAuth1

from oauth1help import (ACCESS_TOKENS_PAGE, ADD_CONSUMER, BAMBOO, BITBUCKET, RELEASE_RADAR, REQUEST_TOKEN,
                        Forms, RsaKey, admin_session, browser_login, consumer_url, create_generic_link)
from simharness import Sim, SimTestCase

JSON = {"Accept": "application/json"}


class QuietTestCase(SimTestCase):
    def setUp(self):
        # requests sessions are left to the garbage collector; their sockets are not the subject.
        warnings.simplefilter("ignore", ResourceWarning)


class ConsumerResource(QuietTestCase):
    def test_seeded_consumer_shape(self):
        reply = admin_session().get(consumer_url(self.url, RELEASE_RADAR))
        self.assertEqual(reply.status_code, 200)
        consumers = reply.json()["consumers"]
        self.assertEqual(len(consumers), 1)
        consumer = consumers[0]
        self.assertEqual(consumer["key"], "release-radar")
        self.assertEqual(consumer["name"], "Release Radar")
        self.assertEqual(consumer["signatureMethod"], "RSA_SHA1")
        self.assertEqual(consumer["callback"], "http://radar.example.test/oauth/callback")
        self.assertIs(consumer["outgoing"], False)
        self.assertNotIn("sharedSecret", consumer)
        self.assertEqual(consumer["link"], [{"href": f"applicationlink/{RELEASE_RADAR}/authentication/consumer",
                                             "rel": "self"}])
        self.assertNotIn("-----", consumer["publicKey"])
        key = load_der_public_key(base64.b64decode(consumer["publicKey"]))
        self.assertIsInstance(key, rsa.RSAPublicKey)

    def test_authentication_lists_consumers_and_configured_providers(self):
        body = admin_session().get(consumer_url(self.url, RELEASE_RADAR, "")).json()
        self.assertEqual([c["key"] for c in body["consumers"]], ["release-radar"])
        self.assertEqual(body["link"][0]["href"], f"applicationlink/{RELEASE_RADAR}/authentication")
        self.assertEqual([p["provider"] for p in body["configuredAuthProviders"]],
                         ["com.atlassian.applinks.api.auth.types.OAuthAuthenticationProvider"])

    def test_xml_unless_json_is_asked_for(self):
        reply = requests.get(consumer_url(self.url, RELEASE_RADAR), auth=("admin", "admin"))
        self.assertEqual(reply.status_code, 200)
        self.assertTrue(reply.headers["Content-Type"].startswith("application/xml"))
        root = ElementTree.fromstring(reply.content)
        self.assertEqual(root.tag, "consumers")
        self.assertEqual(root.find("consumers/key").text, "release-radar")

    def test_link_without_consumer_and_unknown_link_are_404_e2(self):
        none = admin_session().get(consumer_url(self.url, BITBUCKET))
        self.assertEqual(none.status_code, 404)
        self.assertEqual(none.json()["status-code"], 404)
        unknown = admin_session().get(consumer_url(self.url, "00000000-0000-0000-0000-000000000000"))
        self.assertEqual(unknown.status_code, 404)
        self.assertEqual(unknown.json()["status-code"], 404)
        bad_id = admin_session().get(consumer_url(self.url, "not-a-uuid"))
        self.assertEqual(bad_id.status_code, 404)

    def test_non_admins_and_anonymous_get_401_e2(self):
        for auth in (("alice", "alice"), None):
            reply = requests.get(consumer_url(self.url, RELEASE_RADAR), auth=auth, headers=JSON)
            self.assertEqual(reply.status_code, 401)
            self.assertEqual(reply.json()["status-code"], 401)
        put = requests.put(consumer_url(self.url, RELEASE_RADAR), auth=("bob", "bob"), headers=JSON,
                           json={"key": "x", "publicKey": RsaKey().public_pem})
        self.assertEqual(put.status_code, 401)

    def test_interceptor_accepts_admin_credentials_in_the_query(self):
        reply = requests.get(consumer_url(self.url, RELEASE_RADAR), auth=("alice", "alice"), headers=JSON,
                             params={"al_username": "admin", "al_password": "admin"})
        self.assertEqual(reply.status_code, 200)

    def test_session_admin_needs_websudo(self):
        admin = requests.Session()
        admin.headers.update({**JSON, "User-Agent": "conformance-tests/1.0"})
        login = admin.post(self.url + "/rest/auth/1/session", json={"username": "admin", "password": "admin"})
        self.assertEqual(login.status_code, 200)
        refused = admin.get(consumer_url(self.url, RELEASE_RADAR))
        self.assertEqual(refused.status_code, 401)
        self.assertEqual(refused.json(), {"status-code": 401, "message": "This resource requires WebSudo."})
        granted = admin.post(self.url + "/secure/admin/WebSudoAuthenticate.jspa",
                             headers={"X-Atlassian-Token": "no-check"},
                             data={"webSudoPassword": "admin", "webSudoIsPost": "false"})
        self.assertEqual(granted.status_code, 200)
        self.assertEqual(admin.get(consumer_url(self.url, RELEASE_RADAR)).status_code, 200)

    def test_autoconfigure_cannot_reach_the_remote(self):
        reply = admin_session().put(consumer_url(self.url, BAMBOO), params={"autoConfigure": "true"},
                                    json={"twoLOAllowed": True})
        self.assertEqual(reply.status_code, 500)
        self.assertEqual(reply.json()["status-code"], 500)


class ConsumerWrites(QuietTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.link_id = create_generic_link(cls.url, "Key Tests", "http://keys.example.test")

    def put(self, body, link_id=None):
        return admin_session().put(consumer_url(self.url, link_id or self.link_id), json=body)

    def stored(self, link_id=None):
        return admin_session().get(consumer_url(self.url, link_id or self.link_id)).json()["consumers"]

    def test_pem_and_bare_keys_are_stored_bare_and_replace_the_consumer(self):
        first = RsaKey()
        reply = self.put({"key": "key-tests", "name": "Key Tests", "publicKey": first.public_pem})
        self.assertEqual(reply.status_code, 201, reply.text)
        self.assertEqual(reply.json()["status-code"], 201)
        self.assertEqual([c["publicKey"] for c in self.stored()], [first.public_bare])

        second = RsaKey()
        self.assertEqual(self.put({"key": "key-tests-2", "publicKey": second.public_bare}).status_code, 201)
        consumers = self.stored()
        self.assertEqual([(c["key"], c["publicKey"]) for c in consumers], [("key-tests-2", second.public_bare)])
        # A generic consumer without a name takes the link's (trackersim's choice).
        self.assertEqual(consumers[0]["name"], "Key Tests")

    def test_invalid_key_is_400_e3(self):
        reply = self.put({"key": "broken", "publicKey": "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"})
        self.assertEqual(reply.status_code, 400)
        body = reply.json()
        self.assertEqual(body["status"], 400)
        self.assertEqual(len(body["message"]), 1)
        self.assertIn("invalid consumer public key", body["message"][0].lower())

    def test_missing_fields_are_listed(self):
        generic = self.put({"name": "No Key"})
        self.assertEqual(generic.status_code, 400)
        self.assertEqual(len(generic.json()["message"]), 2)  # key and public key
        atlassian = self.put({"key": "bamboo:x", "publicKey": RsaKey().public_pem}, link_id=BAMBOO)
        self.assertEqual(atlassian.status_code, 400)
        self.assertEqual(len(atlassian.json()["message"]), 1)  # name
        outgoing = self.put({"key": "jira-at-tool", "outgoing": True})
        self.assertEqual(len(outgoing.json()["message"]), 2)  # name and shared secret

    def test_outgoing_consumer_is_hmac_hidden_secret_and_never_signs_in(self):
        secret = "s3cr3t-shared-value"
        link_id = create_generic_link(self.url, "Outgoing Tool", "http://outgoing.example.test")
        reply = self.put({"key": "jira-at-tool", "name": "Jira at Tool", "outgoing": True, "sharedSecret": secret},
                         link_id=link_id)
        self.assertEqual(reply.status_code, 201, reply.text)
        provider = admin_session().put(
            f"{self.url}/rest/applinks/2.0/applicationlink/{link_id}/authentication/provider",
            json={"provider": "com.atlassian.applinks.api.auth.types.OAuthAuthenticationProvider",
                  "config": {"consumerKey.outbound": "jira-at-tool"}})
        self.assertEqual(provider.status_code, 201, provider.text)
        listing = admin_session().get(consumer_url(self.url, link_id, ""))
        outgoing = [c for c in listing.json()["consumers"] if c["key"] == "jira-at-tool"]
        self.assertEqual(len(outgoing), 1)
        self.assertEqual(outgoing[0]["signatureMethod"], "HMAC_SHA1")
        self.assertNotIn(secret, listing.text)

        for auth in (OAuth1("jira-at-tool", client_secret=secret, signature_method=SIGNATURE_HMAC),
                     OAuth1("jira-at-tool", signature_method=SIGNATURE_RSA, rsa_key=RsaKey().private_pem)):
            signed = requests.post(self.url + REQUEST_TOKEN, auth=auth)
            self.assertEqual(signed.status_code, 401)
            self.assertTrue(signed.text.startswith("oauth_problem=consumer_key_unknown"))


class ConsumerServlet(QuietTestCase):
    """The admin form: the only way to remove a consumer without deleting its link."""

    def form_post(self, browser_or_none, link_id, data, **kwargs):
        poster = browser_or_none or requests
        return poster.post(self.url + ADD_CONSUMER + link_id, data=data, allow_redirects=False, **kwargs)

    def test_disabling_removes_the_consumer_and_its_tokens(self):
        alice = browser_login(self.url, "alice")
        self.assertIn("Release Radar", alice.get(self.url + ACCESS_TOKENS_PAGE).text)
        reply = self.form_post(None, RELEASE_RADAR, {"oauth-incoming-enabled": "false"}, auth=("admin", "admin"),
                               headers={"X-Atlassian-Token": "no-check"})
        self.assertEqual(reply.status_code, 302)
        self.assertTrue(reply.headers["Location"].startswith(self.url + ADD_CONSUMER + RELEASE_RADAR + "?message="))
        self.assertEqual(admin_session().get(consumer_url(self.url, RELEASE_RADAR)).status_code, 404)
        page = Forms(alice.get(self.url + ACCESS_TOKENS_PAGE).text)
        self.assertEqual([row["cells"]["consumer-name"] for row in page.rows if row["oauth2"] == "false"], ["Bamboo"])

    def test_adding_through_the_form_with_its_atl_token(self):
        link_id = create_generic_link(self.url, "Form Tool", "http://form.example.test")
        admin = browser_login(self.url, "admin")
        admin.post(self.url + "/secure/admin/WebSudoAuthenticate.jspa", headers={"X-Atlassian-Token": "no-check"},
                   data={"webSudoPassword": "admin"})
        page = admin.get(self.url + ADD_CONSUMER + link_id)
        self.assertEqual(page.status_code, 200)
        atl_token = Forms(page.text).inputs["atl_token"]
        key = RsaKey()
        reply = self.form_post(admin, link_id, {
            "atl_token": atl_token, "oauth-incoming-enabled": "true", "key": "form-tool", "consumerName": "Form Tool",
            "description": "Made in the form", "publicKey": key.public_pem, "callback": "http://form.example.test/cb"})
        self.assertEqual(reply.status_code, 302, reply.text)
        consumer = admin_session().get(consumer_url(self.url, link_id)).json()["consumers"][0]
        self.assertEqual((consumer["key"], consumer["name"], consumer["publicKey"]),
                         ("form-tool", "Form Tool", key.public_bare))
        self.assertEqual(consumer["callback"], "http://form.example.test/cb/")  # the servlet adds the slash

    def test_session_admin_without_websudo_is_sent_to_authenticate(self):
        admin = browser_login(self.url, "admin")
        reply = admin.get(self.url + ADD_CONSUMER + BAMBOO, allow_redirects=False)
        self.assertEqual(reply.status_code, 302)
        self.assertIn("/secure/admin/WebSudoAuthenticate.jspa?webSudoDestination=", reply.headers["Location"])

    def test_post_without_xsrf_token_changes_nothing(self):
        reply = self.form_post(None, BAMBOO, {"oauth-incoming-enabled": "false"}, auth=("admin", "admin"))
        self.assertEqual(reply.status_code, 200)
        self.assertIn("XSRF Security Token Missing", reply.text)
        self.assertEqual(admin_session().get(consumer_url(self.url, BAMBOO)).status_code, 200)

    def test_non_admin_and_anonymous_are_refused(self):
        anonymous = self.form_post(None, BAMBOO, {"oauth-incoming-enabled": "false"},
                                   headers={"X-Atlassian-Token": "no-check"})
        self.assertEqual(anonymous.status_code, 302)
        self.assertIn("/login.jsp?os_destination=", anonymous.headers["Location"])
        alice = self.form_post(None, BAMBOO, {"oauth-incoming-enabled": "false"}, auth=("alice", "alice"),
                               headers={"X-Atlassian-Token": "no-check"})
        self.assertEqual(alice.status_code, 401)
        self.assertEqual(admin_session().get(consumer_url(self.url, BAMBOO)).status_code, 200)


def consumer_info(url):
    reply = requests.get(url + "/plugins/servlet/oauth/consumer-info")
    assert reply.status_code == 200, reply.status_code
    assert reply.headers["Content-Type"].startswith("application/xml"), reply.headers["Content-Type"]
    root = ElementTree.fromstring(reply.content)
    return {child.tag: child.text for child in root}, root.tag


class ConsumerInfo(QuietTestCase):
    def test_anonymous_xml_with_a_stable_rsa_key(self):
        first, root = consumer_info(self.url)
        self.assertEqual(root, "consumer")
        self.assertRegex(first["key"], r"^jira:[0-9a-f-]{36}$")
        self.assertEqual(first["name"], "AccessDesk demo Jira (trackersim)")
        self.assertEqual(first["description"], "Atlassian Jira at " + self.url)
        self.assertIsInstance(load_der_public_key(base64.b64decode(first["publicKey"])), rsa.RSAPublicKey)
        second, _ = consumer_info(self.url)
        self.assertEqual(second, first)

    def test_identity_survives_a_restart_of_a_file_database(self):
        with tempfile.TemporaryDirectory() as directory:
            data = os.path.join(directory, "sim.sqlite")
            sim = Sim("--data", data)
            try:
                before, _ = consumer_info(sim.url)
            finally:
                sim.stop()
            sim = Sim("--data", data)
            try:
                after, _ = consumer_info(sim.url)
            finally:
                sim.stop()
        self.assertEqual((after["key"], after["publicKey"]), (before["key"], before["publicKey"]))


if __name__ == "__main__":
    unittest.main()
