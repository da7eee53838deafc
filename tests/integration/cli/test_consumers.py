"""consumers keygen / approve / show / remove / fetch-info against trackersim (issue 8 section 2).

The seed story with a real consumer: the CLI makes a key pair and approves the consumer on a generic
link; Debian's python3-requests-oauthlib then uses that consumer key and private key for the whole
OAuth 1.0a dance as alice and reads the private issue SEC-1; once the CLI has removed the consumer,
its token reads nothing private any more. What the server holds is checked with plain requests, and
fingerprints are computed here with python3-cryptography, not taken from the CLI.
"""
import base64
import hashlib
import http.server
import os
import socket
import stat
import threading
import uuid

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from clitest import AUTH, NETWORK, OK, SERVER, USAGE, CliTestCase
from oauth1help import BITBUCKET, RELEASE_RADAR, allowed_access, consumer_url, create_generic_link

CALLBACK = "http://127.0.0.1:8765/oauth/callback"
PASSWORD_VAR = "ACCESSDESK_TEST_PASSWORD"
CONSUMER_KEYS = {"key", "name", "description", "callback", "signatureMethod", "publicKey", "publicKeyBits",
                 "publicKeySha256", "twoLegged", "executeAs", "impersonation"}


def fingerprint(public_der):
    """SHA-256 of the SubjectPublicKeyInfo as colon-separated upper-case hex pairs."""
    digest = hashlib.sha256(public_der).hexdigest().upper()
    return ":".join(digest[i:i + 2] for i in range(0, len(digest), 2))


def public_der_of_private_file(path):
    with open(path, "rb") as f:
        key = serialization.load_pem_private_key(f.read(), password=None)
    return key.public_key().public_bytes(serialization.Encoding.DER,
                                          serialization.PublicFormat.SubjectPublicKeyInfo)


def pem_file(folder, name, data):
    path = os.path.join(folder, name)
    with open(path, "wb") as f:
        f.write(data)
    return path


def closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ConsumerTestCase(CliTestCase):
    def admin(self, *args, **kwargs):
        return self.as_user("admin", *args, **kwargs)

    def new_link(self, stem="CLI consumer"):
        name = f"{stem} {uuid.uuid4().hex[:8]}"
        return create_generic_link(self.url, name, f"http://{uuid.uuid4().hex[:10]}.example.test")

    def keygen(self, name="consumer.pem", *extra):
        path = os.path.join(self.home, name)
        run = self.cli("consumers", "keygen", "--out", path, *extra)
        return path, run

    def consumer_on_server(self, link_id):
        """(status, consumer) as the server lists it to the admin."""
        reply = self.rest("admin").get(consumer_url(self.url, link_id))
        consumers = reply.json().get("consumers", []) if reply.status_code == 200 else []
        return reply.status_code, (consumers[0] if consumers else None)


class Keygen(ConsumerTestCase):
    SIM_ARGS = None  # keygen needs no server

    def test_writes_the_private_key_0600_and_prints_the_public_pem(self):
        path, run = self.keygen()
        self.assertExit(run, OK)
        self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)
        # stdout is exactly the public key PEM of the private key in the file.
        public = serialization.load_pem_public_key(run.stdout.encode())
        self.assertIsInstance(public, rsa.RSAPublicKey)
        self.assertEqual(public.key_size, 2048)
        der = public.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
        self.assertEqual(der, public_der_of_private_file(path))
        self.assertTrue(run.stdout.startswith("-----BEGIN PUBLIC KEY-----\n"), run)
        # The private key is never printed; stderr says where it is and the fingerprint.
        with open(path) as f:
            private_pem = f.read()
        body = [line for line in private_pem.splitlines() if "-----" not in line]
        for line in body:
            self.assertNotIn(line, run.stdout + run.stderr)
        self.assertIn(path, run.stderr)
        self.assertIn(fingerprint(der), run.stderr)
        self.assertNoQtNoise(run)

    def test_refuses_to_overwrite_without_force(self):
        path, first = self.keygen()
        self.assertExit(first, OK)
        with open(path, "rb") as f:
            before = f.read()
        _, again = self.keygen()
        self.assertFailsPlainly(again, USAGE)
        self.assertIn("--out", again.stderr)
        self.assertIn("--force", again.stderr)
        with open(path, "rb") as f:
            self.assertEqual(f.read(), before)
        _, forced = self.keygen("consumer.pem", "--force", "--bits", "3072", "--format", "json")
        doc = self.ok_json(forced)
        self.assertEqual(set(doc), {"privateKeyFile", "bits", "publicKey", "publicKeySha256"})
        self.assertEqual(doc["bits"], 3072)
        self.assertEqual(doc["privateKeyFile"], path)
        with open(path, "rb") as f:
            self.assertNotEqual(f.read(), before)
        self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)
        self.assertEqual(doc["publicKeySha256"], fingerprint(public_der_of_private_file(path)))

    def test_needs_out(self):
        self.assertFailsPlainly(self.cli("consumers", "keygen"), USAGE)
        self.assertFailsPlainly(self.cli("consumers", "keygen", "--out", os.path.join(self.home, "k.pem"),
                                         "--bits", "1024"), USAGE)
        self.assertFalse(os.path.exists(os.path.join(self.home, "k.pem")))


class RealConsumerStory(ConsumerTestCase):
    def test_keygen_approve_dance_read_private_issue_remove(self):
        private_path, keygen = self.keygen()
        self.assertExit(keygen, OK)
        public_path = pem_file(self.home, "consumer.pub", keygen.stdout.encode())
        expected = fingerprint(public_der_of_private_file(private_path))
        link_id = self.new_link("Story")
        key = "story-" + uuid.uuid4().hex[:8]

        approved = self.admin("consumers", "approve", link_id, "--key", key, "--name", "Story Consumer",
                              "--public-key", public_path, "--description", "Story https://story.example.test",
                              "--callback", CALLBACK, "--format", "json")
        doc = self.ok_json(approved)
        self.assertEqual(set(doc), {"link", "consumer"})
        self.assertEqual(doc["link"]["id"], link_id)
        self.assertEqual(doc["link"]["type"], "generic")
        self.assertEqual(set(doc["consumer"]), CONSUMER_KEYS)
        self.assertEqual(doc["consumer"]["key"], key)
        self.assertEqual(doc["consumer"]["publicKeySha256"], expected)
        self.assertEqual(doc["consumer"]["publicKeyBits"], 2048)

        status, held = self.consumer_on_server(link_id)
        self.assertEqual(status, 200)
        self.assertEqual(held["key"], key)
        self.assertEqual(held["name"], "Story Consumer")
        self.assertEqual(held["callback"], CALLBACK)
        self.assertEqual(fingerprint(base64.b64decode(held["publicKey"])), expected)

        # The consumer: python3-requests-oauthlib with the key pair AccessDesk made.
        with open(private_path) as f:
            private_pem = f.read()
        signed, shown = allowed_access(self.url, key, private_pem, "alice", CALLBACK)
        self.assertEqual(shown, "Story Consumer")
        json_headers = {"Accept": "application/json"}
        issue = self.rest("alice").get(self.url + "/rest/api/2/issue/SEC-1", auth=signed, headers=json_headers)
        self.assertEqual(issue.status_code, 200, issue.text)
        self.assertEqual(issue.json()["key"], "SEC-1")
        self.assertEqual(self.rest("alice").get(self.url + "/rest/api/2/myself", auth=signed).json()["name"],
                         "alice")

        removed = self.admin("consumers", "remove", link_id, "--yes", "--format", "json")
        doc = self.ok_json(removed)
        self.assertEqual(doc["removed"], True)
        self.assertEqual(doc["consumer"]["key"], key)
        self.assertIn(doc["method"], ("consumer-form", "oauth-status"))
        self.assertEqual(self.consumer_on_server(link_id)[0], 404)

        # The same signed request now reads nothing private.
        after = self.rest("alice").get(self.url + "/rest/api/2/issue/SEC-1", auth=signed, headers=json_headers)
        self.assertNotEqual(after.status_code, 200, after.text)
        self.assertNotIn("SEC-1", after.text)

        activity = self.ok_json(self.admin("activity", "list", "--format", "json"))
        actions = {(entry["action"], entry["outcome"]) for entry in activity}
        self.assertIn(("approve-consumer", "succeeded"), actions)
        self.assertIn(("remove-consumer", "succeeded"), actions)
        self.assertSecretNowhere(private_pem.splitlines()[1], runs=[keygen, approved, removed])


class ShowAndRemove(ConsumerTestCase):
    def test_show_json_shapes(self):
        doc = self.ok_json(self.admin("consumers", "show", RELEASE_RADAR, "--format", "json"))
        self.assertEqual(doc["link"], {"id": RELEASE_RADAR, "name": "Release Radar", "type": "generic"})
        consumer = doc["consumer"]
        self.assertEqual(set(consumer), CONSUMER_KEYS)
        self.assertEqual(consumer["key"], "release-radar")
        self.assertEqual(consumer["callback"], "http://radar.example.test/oauth/callback")
        self.assertIsNone(consumer["executeAs"])
        held = self.consumer_on_server(RELEASE_RADAR)[1]
        self.assertEqual(consumer["publicKey"], held["publicKey"])
        self.assertEqual(consumer["publicKeySha256"], fingerprint(base64.b64decode(held["publicKey"])))

        none = self.ok_json(self.admin("consumers", "show", BITBUCKET, "--format", "json"))
        self.assertIsNone(none["consumer"])
        table = self.admin("consumers", "show", BITBUCKET)
        self.assertExit(table, OK)
        self.assertIn("consumer", table.stdout)
        self.assertIn("none", table.stdout)

    def test_unknown_link_and_non_admins(self):
        unknown = self.admin("consumers", "show", "00000000-0000-0000-0000-000000000000")
        self.assertFailsPlainly(unknown, SERVER)
        self.assertIn("no application link", unknown.stderr)
        self.assertFailsPlainly(self.alice("consumers", "show", RELEASE_RADAR), AUTH)
        self.assertFailsPlainly(self.alice("consumers", "remove", RELEASE_RADAR, "--yes"), AUTH)
        self.assertEqual(self.consumer_on_server(RELEASE_RADAR)[0], 200)

    def test_remove_asks_first_and_says_what_stops_working(self):
        link_id = self.new_link("Remove")
        _, keygen = self.keygen()
        public_path = pem_file(self.home, "remove.pub", keygen.stdout.encode())
        self.assertExit(self.admin("consumers", "approve", link_id, "--key", "to-remove-" + link_id[:8],
                                   "--name", "To Remove", "--public-key", public_path), OK)

        no_terminal = self.admin("consumers", "remove", link_id)
        self.assertFailsPlainly(no_terminal, USAGE)
        self.assertIn("--yes", no_terminal.stderr)
        self.assertEqual(self.consumer_on_server(link_id)[0], 200)

        env = {PASSWORD_VAR: "admin"}
        args = ("--server", self.url, "--user", "admin", "--password-env", PASSWORD_VAR, "consumers", "remove", link_id)
        declined = self.cli_in_terminal(*args, answer="n\n", env=env)
        self.assertExit(declined, USAGE)
        self.assertIn("To Remove", declined.stderr)
        self.assertIn("stops working", declined.stderr)
        self.assertIn("does not report how many users", declined.stderr)
        self.assertEqual(self.consumer_on_server(link_id)[0], 200)

        accepted = self.cli_in_terminal(*args, answer="y\n", env=env)
        self.assertExit(accepted, OK)
        self.assertEqual(self.consumer_on_server(link_id)[0], 404)
        again = self.admin("consumers", "remove", link_id, "--yes")
        self.assertFailsPlainly(again, SERVER)
        self.assertIn("no incoming OAuth consumer", again.stderr)

    def test_a_cookie_session_admin_passes_websudo(self):
        # The applinks-oauth resources ask a cookie session for the password again (websudo).
        link_id = self.new_link("Session")
        _, keygen = self.keygen("session.pem")
        public_path = pem_file(self.home, "session.pub", keygen.stdout.encode())
        session = ("--server", self.url, "--auth", "session", "--user", "admin", "--password-env", PASSWORD_VAR)
        env = {PASSWORD_VAR: "admin"}
        approved = self.cli(*session, "consumers", "approve", link_id, "--key", "session-" + link_id[:8],
                            "--name", "Session Consumer", "--public-key", public_path, env=env)
        self.assertExit(approved, OK)
        self.assertEqual(self.consumer_on_server(link_id)[1]["name"], "Session Consumer")
        shown = self.ok_json(self.cli(*session, "consumers", "show", link_id, "--format", "json", env=env))
        self.assertEqual(shown["consumer"]["name"], "Session Consumer")
        self.assertExit(self.cli(*session, "consumers", "remove", link_id, "--yes", env=env), OK)
        self.assertEqual(self.consumer_on_server(link_id)[0], 404)


class ApproveRefusals(ConsumerTestCase):
    def setUp(self):
        super().setUp()
        self.link_id = self.new_link("Refusals")

    def approve(self, public_key_path, *extra, user="admin"):
        return self.as_user(user, "consumers", "approve", self.link_id, "--key", "refused", "--name", "Refused",
                            "--public-key", public_key_path, *extra)

    def assertNothingSent(self):
        self.assertEqual(self.consumer_on_server(self.link_id)[0], 404)
        self.assertEqual(self.ok_json(self.admin("activity", "list", "--format", "json")), [])

    def test_bad_keys_are_refused_before_anything_is_sent(self):
        small = rsa.generate_private_key(public_exponent=65537, key_size=1024)
        big = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        private_pem = big.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                        serialization.NoEncryption())
        cases = {
            "invalid PEM": b"-----BEGIN PUBLIC KEY-----\nbm90IGEga2V5\n-----END PUBLIC KEY-----\n",
            "1024 bits": small.public_key().public_bytes(serialization.Encoding.PEM,
                                                         serialization.PublicFormat.SubjectPublicKeyInfo),
            "private key": private_pem,
            "EC key": ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo),
        }
        for case, data in cases.items():
            with self.subTest(case):
                run = self.approve(pem_file(self.home, "key.pem", data))
                self.assertFailsPlainly(run, USAGE)
                self.assertIn("--public-key", run.stderr)
                self.assertIn("nothing was sent", run.stderr)
        private_lines = [line for line in private_pem.decode().splitlines() if "-----" not in line]
        run = self.approve(pem_file(self.home, "key.pem", private_pem))
        for line in private_lines:
            self.assertNotIn(line, run.stderr)
        self.assertIn("2048", self.approve(pem_file(self.home, "key.pem", cases["1024 bits"])).stderr)
        self.assertNothingSent()

    def test_missing_and_wrong_options_are_named(self):
        _, keygen = self.keygen()
        good = pem_file(self.home, "good.pub", keygen.stdout.encode())
        no_key = self.admin("consumers", "approve", self.link_id, "--name", "N", "--public-key", good)
        self.assertFailsPlainly(no_key, USAGE)
        self.assertIn("--key", no_key.stderr)
        bad_callback = self.approve(good, "--callback", "not a url")
        self.assertFailsPlainly(bad_callback, USAGE)
        self.assertIn("--callback", bad_callback.stderr)
        no_user = self.approve(good, "--two-legged")
        self.assertFailsPlainly(no_user, USAGE)
        self.assertIn("--execute-as", no_user.stderr)
        unreadable = self.approve(os.path.join(self.home, "missing.pub"))
        self.assertFailsPlainly(unreadable, USAGE)
        self.assertNothingSent()

    def test_impersonation_is_for_sysadmins_and_alice_is_none(self):
        _, keygen = self.keygen()
        good = pem_file(self.home, "good.pub", keygen.stdout.encode())
        run = self.approve(good, "--two-legged", "--execute-as", "alice", "--impersonation", user="alice")
        self.assertFailsPlainly(run, AUTH)
        self.assertIn("system administrator", run.stderr)
        self.assertIn("--impersonation", run.stderr)
        self.assertNothingSent()

    def test_two_legged_with_impersonation_as_sysadmin(self):
        _, keygen = self.keygen()
        good = pem_file(self.home, "good.pub", keygen.stdout.encode())
        doc = self.ok_json(self.approve(good, "--two-legged", "--execute-as", "alice", "--impersonation",
                                        "--format", "json"))
        self.assertEqual(doc["consumer"]["twoLegged"], True)
        self.assertEqual(doc["consumer"]["executeAs"], "alice")
        self.assertEqual(doc["consumer"]["impersonation"], True)
        held = self.consumer_on_server(self.link_id)[1]
        self.assertTrue(held["twoLOAllowed"])
        self.assertTrue(held["twoLOImpersonationAllowed"])
        self.assertEqual(held["executingTwoLOUser"], "alice")

    def test_unknown_link(self):
        _, keygen = self.keygen()
        good = pem_file(self.home, "good.pub", keygen.stdout.encode())
        run = self.admin("consumers", "approve", "00000000-0000-0000-0000-000000000000", "--key", "k",
                         "--name", "N", "--public-key", good)
        self.assertFailsPlainly(run, SERVER)
        self.assertIn("no application link", run.stderr)


class HtmlServer(http.server.BaseHTTPRequestHandler):
    """Answers every GET with a login page, as a proxy or a misconfigured address would."""

    def do_GET(self):  # noqa: N802 (http.server's naming)
        body = b"<!DOCTYPE html><html><head><title>Log in</title></head><body><form></form></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class FetchInfo(ConsumerTestCase):
    def test_reads_trackersims_own_consumer_info(self):
        xml = self.rest("admin").get(self.url + "/plugins/servlet/oauth/consumer-info").text
        published_key = xml.split("<publicKey>")[1].split("</publicKey>")[0]
        published_name = xml.split("<key>")[1].split("</key>")[0]
        # Anonymous: no credentials are given, and none are needed.
        doc = self.ok_json(self.cli("consumers", "fetch-info", self.url + "/", "--format", "json"))
        self.assertEqual(set(doc), {"url", "key", "name", "description", "callback", "publicKey", "publicKeyBits",
                                    "publicKeySha256", "publicKeyProblem"})
        self.assertEqual(doc["url"], self.url)
        self.assertEqual(doc["key"], published_name)
        self.assertEqual(doc["publicKey"], published_key)
        self.assertEqual(doc["publicKeySha256"], fingerprint(base64.b64decode(published_key)))
        self.assertIsNone(doc["publicKeyProblem"])
        table = self.cli("consumers", "fetch-info", self.url + "/plugins/servlet/oauth/consumer-info")
        self.assertExit(table, OK)
        self.assertIn(published_name, table.stdout)

    def test_a_web_page_instead_of_xml_is_said_plainly(self):
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), HtmlServer)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        run = self.cli("consumers", "fetch-info", f"http://127.0.0.1:{server.server_address[1]}")
        self.assertFailsPlainly(run, SERVER)
        self.assertIn("web page", run.stderr)

        self.sim.add_fault(method="GET", path="/plugins/servlet/oauth/consumer-info", status=200,
                           contentType="text/html", body="<html><body>Proxy says hello</body></html>")
        faulty = self.cli("consumers", "fetch-info", self.url)
        self.assertFailsPlainly(faulty, SERVER)
        self.assertIn("web page", faulty.stderr)

    def test_not_found_unreachable_and_not_a_url(self):
        missing = self.cli("consumers", "fetch-info", self.url + "/no-app-here")
        self.assertFailsPlainly(missing, SERVER)
        self.assertIn("publishes no OAuth consumer information", missing.stderr)
        unreachable = self.cli("consumers", "fetch-info", f"http://127.0.0.1:{closed_port()}", "--timeout", "5")
        self.assertFailsPlainly(unreachable, NETWORK)
        self.assertIn("could not be reached", unreachable.stderr)
        self.assertFailsPlainly(self.cli("consumers", "fetch-info", "ftp://example.test"), USAGE)

    def test_a_small_key_is_flagged_not_hidden(self):
        small = rsa.generate_private_key(public_exponent=65537, key_size=1024).public_key()
        bare = base64.b64encode(small.public_bytes(serialization.Encoding.DER,
                                                   serialization.PublicFormat.SubjectPublicKeyInfo)).decode()
        self.sim.add_fault(method="GET", path="/plugins/servlet/oauth/consumer-info", status=200,
                           contentType="application/xml",
                           body=f"<consumer><key>old-jira</key><name>Old</name><publicKey>{bare}</publicKey></consumer>")
        run = self.cli("consumers", "fetch-info", self.url, "--format", "json")
        doc = self.ok_json(run)
        self.assertEqual(doc["key"], "old-jira")
        self.assertIsNone(doc["publicKeySha256"])
        self.assertIn("2048", doc["publicKeyProblem"])
        self.assertIn("cannot be approved", run.stderr)


class Usage(CliTestCase):
    SIM_ARGS = None

    def test_help_lists_the_commands(self):
        run = self.cli("--help")
        self.assertExit(run, OK)
        for command in ("consumers show", "consumers approve", "consumers remove", "consumers fetch-info",
                        "consumers keygen"):
            self.assertIn(command, run.stdout)

    def test_unknown_subcommand(self):
        self.assertFailsPlainly(self.cli("consumers", "frobnicate"), USAGE)
        self.assertFailsPlainly(self.cli("consumers", "show"), USAGE)


if __name__ == "__main__":
    import unittest
    unittest.main()
