"""HTTPS: an untrusted certificate is refused (exit 4) with what a person needs to decide, a pinned
one is accepted, another or a changed one is refused again, and a CA file is honoured."""
import os
import shutil
import subprocess
import tempfile
import unittest

from clitest import NETWORK, OK, PASSWORD_VAR, CliTestCase, Sim, unique


def normalised(fingerprint):
    return fingerprint.replace(":", "").lower()


def openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


def make_ca(folder, name):
    """A CA certificate made by openssl req -x509; returns (cert, key) paths."""
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", f"/CN={name}",
            "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            "-keyout", f"{name}.key", "-out", f"{name}.pem", cwd=folder)
    return os.path.join(folder, f"{name}.pem"), os.path.join(folder, f"{name}.key")


def make_server_certificate(folder, name, ca, hosts=("IP:127.0.0.1", "DNS:localhost")):
    """A server certificate for hosts, signed by ca; returns (cert, key) paths."""
    with open(os.path.join(folder, f"{name}.ext"), "w") as f:
        f.write(f"subjectAltName={','.join(hosts)}\nbasicConstraints=CA:FALSE\n"
                "extendedKeyUsage=serverAuth\nkeyUsage=digitalSignature,keyEncipherment\n")
    openssl("req", "-new", "-newkey", "rsa:2048", "-nodes", "-subj", f"/CN={name}",
            "-keyout", f"{name}.key", "-out", f"{name}.csr", cwd=folder)
    openssl("x509", "-req", "-in", f"{name}.csr", "-CA", ca[0], "-CAkey", ca[1], "-CAcreateserial",
            "-days", "2", "-extfile", f"{name}.ext", "-out", f"{name}.pem", cwd=folder)
    return os.path.join(folder, f"{name}.pem"), os.path.join(folder, f"{name}.key")


class SelfSigned(CliTestCase):
    SIM_ARGS = ("--tls",)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        assert cls.url.startswith("https://"), cls.url
        assert cls.sim.fingerprint, "trackersim --tls printed no fingerprint"

    def probe(self, *args, url=None):
        return self.alice("probe", "--format", "json", *args, url=url)

    def test_unpinned_certificate_is_refused_with_its_details(self):
        run = self.probe()
        self.assertFailsPlainly(run, NETWORK)
        self.assertIn(normalised(self.sim.fingerprint), normalised(run.stderr))
        for word in ("subject", "issuer", "valid", "sha256"):
            self.assertIn(word, run.stderr.lower())
        self.assertIn("127.0.0.1", run.stderr)  # subject and issuer of trackersim's certificate
        self.assertIn("--pin-sha256", run.stderr)

    def test_pinned_certificate_is_accepted(self):
        for pin in (self.sim.fingerprint, normalised(self.sim.fingerprint)):
            with self.subTest(pin=pin):
                report = self.ok_json(self.probe("--pin-sha256", pin))
                self.assertEqual(report["user"]["name"], "alice")
                self.assertTrue(report["baseUrl"].startswith("https://"))

    def test_pin_of_another_certificate_is_refused(self):
        other = Sim("--tls")
        self.addCleanup(other.stop)
        self.assertNotEqual(other.fingerprint, self.sim.fingerprint)
        run = self.probe("--pin-sha256", other.fingerprint)
        self.assertFailsPlainly(run, NETWORK)
        # The certificate actually presented is the one reported.
        self.assertIn(normalised(self.sim.fingerprint), normalised(run.stderr))

    def test_ca_file_that_did_not_issue_the_certificate_does_not_help(self):
        ca = make_ca(self.home, "unrelated-ca")
        run = self.probe("--ca-file", ca[0])
        self.assertFailsPlainly(run, NETWORK)


class ChangedCertificate(CliTestCase):
    """A profile pinned to one certificate; the server comes back on the same address with another."""

    SIM_ARGS = None

    def test_changed_certificate_is_refused_again(self):
        first = Sim("--tls")
        port = str(first.port)
        name = unique("pinned")
        added = self.cli("profiles", "add", name, "--server", first.url, "--user", "alice",
                         "--pin-sha256", first.fingerprint)
        self.assertExit(added, OK)
        env = {PASSWORD_VAR: "alice"}
        use = ("--profile", name, "--password-env", PASSWORD_VAR, "probe", "--format", "json")
        self.assertEqual(self.ok_json(self.cli(*use, env=env))["user"]["name"], "alice")
        first.stop()

        second = Sim("--tls", "--port", port)
        self.addCleanup(second.stop)
        self.assertEqual(second.url, first.url)
        self.assertNotEqual(second.fingerprint, first.fingerprint)
        run = self.cli(*use, env=env)
        self.assertFailsPlainly(run, NETWORK)
        self.assertIn(normalised(second.fingerprint), normalised(run.stderr))
        self.cli("profiles", "remove", name)


class CaFile(CliTestCase):
    """trackersim --cert/--key with a certificate issued by a CA made with openssl req -x509."""

    SIM_ARGS = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pki = tempfile.mkdtemp(prefix="accessdesk-cli-pki-")
        cls.ca = make_ca(cls.pki, "test-ca")
        cls.cert = make_server_certificate(cls.pki, "server", cls.ca)
        cls.sim = Sim("--cert", cls.cert[0], "--key", cls.cert[1])
        cls.url = cls.sim.url

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(cls.pki, True)

    def test_certificate_issued_by_the_ca_file_is_accepted(self):
        self.assertTrue(self.url.startswith("https://"))
        report = self.ok_json(self.alice("probe", "--format", "json", "--ca-file", self.ca[0]))
        self.assertEqual(report["user"]["name"], "alice")

    def test_profile_with_a_relative_ca_file_works_from_anywhere(self):
        name = unique("ca-profile")
        self.assertExit(self.cli("profiles", "add", name, "--server", self.url, "--user", "alice",
                                 "--ca-file", os.path.basename(self.ca[0]), cwd=self.pki), OK)
        run = self.cli("--profile", name, "--password-env", PASSWORD_VAR, "probe", "--format", "json",
                       env={PASSWORD_VAR: "alice"}, cwd=self.home)
        self.assertEqual(self.ok_json(run)["user"]["name"], "alice")

    def fingerprint(self, pem):
        out = subprocess.run(["openssl", "x509", "-in", pem, "-noout", "-fingerprint", "-sha256"],
                             check=True, capture_output=True, text=True).stdout
        return out.strip().split("=", 1)[1]

    def test_a_pin_is_a_pin_even_when_the_ca_file_vouches(self):
        # Pinned to the CA (an issuer, not the server's own certificate): refused, though the CA
        # file alone would be enough; the message names the server's certificate as the one
        # offered, and the CA's only as the pin it was compared with.
        run = self.alice("probe", "--format", "json", "--ca-file", self.ca[0],
                         "--pin-sha256", self.fingerprint(self.ca[0]))
        self.assertFailsPlainly(run, NETWORK)
        lines = {line.split(":", 1)[0].strip(): normalised(line.split(":", 1)[1].strip())
                 for line in run.stderr.splitlines() if line.startswith("  ") and ":" in line}
        self.assertEqual(lines.get("offered"), normalised(self.fingerprint(self.cert[0])), run)
        self.assertEqual(lines.get("pinned"), normalised(self.fingerprint(self.ca[0])), run)
        self.assertEqual(normalised(run.stderr).count(normalised(self.fingerprint(self.ca[0]))), 1, run)

    def test_a_pin_of_the_servers_own_certificate_agrees_with_the_ca_file(self):
        run = self.alice("probe", "--format", "json", "--ca-file", self.ca[0],
                         "--pin-sha256", self.fingerprint(self.cert[0]))
        self.assertEqual(self.ok_json(run)["user"]["name"], "alice")

    def test_without_the_ca_file_it_is_refused(self):
        self.assertFailsPlainly(self.alice("probe", "--format", "json"), NETWORK)

    def test_ca_file_does_not_excuse_a_certificate_for_another_host(self):
        wrong = make_server_certificate(self.home, "elsewhere", self.ca, hosts=("DNS:jira.example.test",))
        sim = Sim("--cert", wrong[0], "--key", wrong[1])
        self.addCleanup(sim.stop)
        run = self.alice("probe", "--format", "json", "--ca-file", self.ca[0], url=sim.url)
        self.assertFailsPlainly(run, NETWORK)

    def test_ca_file_without_a_certificate_is_a_usage_error(self):
        path = os.path.join(self.home, "empty.pem")
        with open(path, "w") as f:
            f.write("not a certificate\n")
        self.assertFailsPlainly(self.alice("probe", "--ca-file", path), 2)


if __name__ == "__main__":
    unittest.main()
