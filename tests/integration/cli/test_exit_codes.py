"""The exit codes of the contract for what goes wrong on the way (3, 4, 5), with plain words on
stderr and nothing on stdout, even with --format json."""
import socket
import unittest

from clitest import AUTH, NETWORK, SERVER, CliTestCase

ERROR_PAGE = ("<html><head><title>Oops - an error has occurred</title></head>"
              "<body><h1>System Error</h1><p>A system error has occurred.</p></body></html>")


def closed_port():
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ExitCodes(CliTestCase):
    def test_connection_refused_is_4(self):
        run = self.alice("probe", "--format", "json", url=f"http://127.0.0.1:{closed_port()}")
        self.assertFailsPlainly(run, NETWORK)

    def timed_out(self):
        self.sim.add_fault(path="/rest/api/2/myself", action="stall", delayMs=0)
        return self.alice("tokens", "list", "--format", "json", "--timeout", "1")

    def test_timeout_is_4(self):
        run = self.timed_out()
        self.assertFailsPlainly(run, NETWORK, plain=False)
        self.assertIn("time", run.stderr)

    def test_timeout_is_reported_in_plain_words(self):
        self.assertNoQtNoise(self.timed_out())

    def test_dropped_connection_is_4(self):
        self.sim.add_fault(path="/rest/api/2/myself", action="reset")
        self.assertFailsPlainly(self.alice("probe", "--format", "json"), NETWORK)

    def test_server_error_is_5(self):
        self.sim.add_fault(method="GET", path="/rest/api/2/myself", status=500, contentType="text/html",
                           body=ERROR_PAGE)
        run = self.alice("probe", "--format", "json")
        self.assertFailsPlainly(run, SERVER)
        self.assertNotIn("<html", run.stderr.lower(), "markup is not plain words")

    def test_server_error_in_a_listing_is_5(self):
        self.sim.add_fault(method="GET", path="/rest/pat/latest/tokens", status=500,
                           contentType="application/json",
                           body='{"errorMessages":["Internal server error"],"errors":{}}')
        run = self.alice("pat", "list", "--format", "json")
        self.assertFailsPlainly(run, SERVER)
        self.assertIn("Internal server error", run.stderr)
        self.assertFailsPlainly(self.alice("tokens", "list", "--format", "json"), SERVER)

    def test_malformed_answer_is_5(self):
        self.sim.add_fault(method="GET", path="/rest/api/2/myself", action="malformed")
        self.assertFailsPlainly(self.alice("probe", "--format", "json"), SERVER)

    def test_malformed_listing_is_5(self):
        self.sim.add_fault(method="GET", path="/rest/pat/latest/tokens", action="malformed")
        self.assertFailsPlainly(self.alice("pat", "list", "--format", "json"), SERVER)

    def test_wrong_password_is_3(self):
        run = self.as_user("alice", "tokens", "list", "--format", "json", password="wrong-password")
        self.assertFailsPlainly(run, AUTH)
        self.assertNotIn("wrong-password", run.stderr)

    def test_unknown_user_is_3(self):
        self.assertFailsPlainly(self.as_user("nobody", "probe", "--format", "json", password="x"), AUTH)

    def test_a_transient_answer_is_retried(self):
        # One 503 on an idempotent request is retried, and the command still succeeds.
        self.sim.add_fault(method="GET", path="/rest/pat/latest/tokens", status=503, times=1,
                           headers={"Retry-After": "0"})
        names = [t["name"] for t in self.ok_json(self.alice("pat", "list", "--format", "json"))]
        self.assertIn("ci-pipeline", names)


if __name__ == "__main__":
    unittest.main()
