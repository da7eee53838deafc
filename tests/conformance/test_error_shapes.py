"""The nine error body shapes of spec section 1.4, each from an endpoint whose Jira plugin uses it.

A client must parse all of them; this pins down that trackersim produces each one exactly."""
import unittest
import uuid
import xml.etree.ElementTree as ElementTree

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from oauthlib.oauth1 import SIGNATURE_RSA
from requests_oauthlib import OAuth1

from simharness import SimTestCase


class ErrorShapes(SimTestCase):
    SIM_ARGS = ("--rate-limit", "1000,1000,1")

    def test_e1_jira_core(self):
        reply = self.session().get(self.url + "/rest/api/2/myself")
        self.assertEqual(reply.status_code, 401)
        body = reply.json()
        self.assertEqual(set(body), {"errorMessages", "errors"})
        self.assertIsInstance(body["errorMessages"], list)
        self.assertEqual(body["errors"], {})

    def test_e2_rest_status_json_and_xml(self):
        reply = self.session("alice").get(self.url + "/rest/applinks/1.0/applicationlink")
        self.assertEqual(reply.status_code, 401)
        self.assertEqual(reply.json()["status-code"], 401)
        self.assertIsInstance(reply.json()["message"], str)
        as_xml = self.session("alice").get(self.url + "/rest/applinks/1.0/applicationlink",
                                           headers={"Accept": "application/xml"})
        self.assertEqual(as_xml.status_code, 401)
        root = ElementTree.fromstring(as_xml.content)
        self.assertEqual(root.tag, "status")
        self.assertEqual(root.findtext("status-code"), "401")

    def test_e3_applinks_error_list(self):
        admin = self.session("admin")
        link = {"name": "Shape test", "typeId": "generic", "rpcUrl": "http://shape.example.test",
                "displayUrl": "http://shape.example.test"}
        self.assertEqual(admin.put(self.url + "/rest/applinks/2.0/applicationlink", json=link).status_code, 201)
        duplicate = admin.put(self.url + "/rest/applinks/2.0/applicationlink", json=dict(link, name="Other"))
        self.assertEqual(duplicate.status_code, 400)
        body = duplicate.json()
        self.assertEqual(body["status"], 400)
        self.assertIsInstance(body["message"], list)
        self.assertTrue(body["message"])

    def test_e4_applinks_v3(self):
        reply = self.session("admin").get(self.url + "/rest/applinks/3.0/applinks/" + str(uuid.uuid4()))
        self.assertEqual(reply.status_code, 404)
        body = reply.json()
        self.assertEqual(body["status"], 404)
        self.assertIsInstance(body["errors"], list)
        self.assertIn("summary", body["errors"][0])

    def test_e5_personal_tokens(self):
        reply = self.session().get(self.url + "/rest/pat/latest/tokens")
        self.assertEqual(reply.status_code, 401)
        self.assertEqual(set(reply.json()), {"exception", "error"})
        self.assertIn(".", reply.json()["exception"])  # a Java class name

    def test_e6a_oauth2_management(self):
        reply = self.session("alice").get(self.url + "/rest/oauth2/latest/client")
        self.assertEqual(reply.status_code, 401)
        body = reply.json()
        self.assertIsInstance(body["errors"], list)
        self.assertIsInstance(body["fieldErrors"], dict)

    def test_e6b_oauth2_protocol(self):
        reply = self.session().post(self.url + "/rest/oauth2/latest/token", data={"grant_type": "password"})
        self.assertEqual(reply.status_code, 400)
        self.assertEqual(reply.json()["error"], "unsupported_grant_type")
        self.assertIn("error_description", reply.json())
        self.assertEqual(reply.headers["Cache-Control"], "no-store")

    def test_e7_oauth1_problem(self):
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                                serialization.NoEncryption()).decode()
        signer = OAuth1("nobody-knows-me", signature_method=SIGNATURE_RSA, rsa_key=pem, callback_uri="oob")
        reply = self.session().post(self.url + "/plugins/servlet/oauth/request-token", auth=signer)
        self.assertEqual(reply.status_code, 401)
        self.assertTrue(reply.text.startswith("oauth_problem=consumer_key_unknown"))
        challenge = reply.headers["WWW-Authenticate"]
        self.assertTrue(challenge.startswith('OAuth realm="%s"' % self.url))
        self.assertIn('oauth_problem="consumer_key_unknown"', challenge)

    def test_e8_xsrf(self):
        reply = self.session("alice").post(self.url + "/rest/auth/1/session", data={"a": "b"})
        self.assertEqual(reply.status_code, 403)
        self.assertEqual(reply.text, "XSRF check failed")


class RateLimitShape(SimTestCase):
    SIM_ARGS = ("--rate-limit", "1,1,60")

    def test_e9_rate_limited(self):
        s = self.session("bob")
        self.assertEqual(s.get(self.url + "/rest/api/2/myself").status_code, 200)
        reply = s.get(self.url + "/rest/api/2/myself")
        self.assertEqual(reply.status_code, 429)
        self.assertEqual(set(reply.json()), {"message"})


class Capabilities(SimTestCase):
    def test_local_capabilities_are_the_applinks_v3_probe(self):
        reply = self.session().get(self.url + "/rest/applinks/3.0/capabilities")
        self.assertEqual(reply.status_code, 200)
        self.assertEqual(reply.json(), ["STATUS_API", "MIGRATION_API"])
        self.assertEqual(self.session().get(self.url + "/rest/applinks/3.0/capabilities/STATUS_API").status_code, 200)
        absent = self.session().get(self.url + "/rest/applinks/3.0/capabilities/TIME_TRAVEL")
        self.assertEqual(absent.status_code, 404)
        self.assertEqual(absent.json()["status"], 404)

    def test_remote_capabilities_need_an_admin(self):
        links = self.session("admin").get(self.url + "/rest/applinks/3.0/applinks").json()
        bamboo = next(link for link in links if link["name"] == "Bamboo")
        path = "/rest/applinks/3.0/capabilities/remote/" + bamboo["id"]
        self.assertEqual(self.session("alice").get(self.url + path).status_code, 403)
        remote = self.session("admin").get(self.url + path)
        self.assertEqual(remote.status_code, 200)
        self.assertEqual(remote.json()["capabilities"], [])


if __name__ == "__main__":
    unittest.main()
