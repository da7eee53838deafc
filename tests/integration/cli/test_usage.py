"""Usage errors end with exit 2 before anything is sent, and secrets can never come from argv."""
import unittest

from clitest import OK, PASSWORD_VAR, TOKEN_VAR, USAGE, CliTestCase


class Usage(CliTestCase):
    # Nothing listens here: a usage error must be found before any connection is tried (which would
    # end with exit 4 instead of 2).
    SIM_ARGS = None
    SERVER = "http://127.0.0.1:9"

    def cli_with_server(self, *args, env=None):
        return self.cli("--server", self.SERVER, "--user", "alice", *args, env=env)

    def test_unknown_flag(self):
        run = self.cli_with_server("--password-env", PASSWORD_VAR, "--frobnicate", "probe",
                                   env={PASSWORD_VAR: "alice"})
        self.assertFailsPlainly(run, USAGE)
        self.assertIn("frobnicate", run.stderr)

    def test_secrets_are_not_accepted_on_the_command_line(self):
        for flag in ("--password", "--token", "--oauth-token", "--oauth-secret"):
            with self.subTest(flag=flag):
                run = self.cli_with_server(flag, "s3cret-on-argv", "probe")
                self.assertFailsPlainly(run, USAGE)
                self.assertNotIn("s3cret-on-argv", run.stderr)

    def test_unknown_commands(self):
        for words in (["frobnicate"], ["tokens", "frob"], ["tokens"], ["pat", "create"],
                      ["tokens", "revoke"], ["profiles", "add"], ["probe", "extra"]):
            with self.subTest(words=words):
                run = self.cli_with_server("--password-env", PASSWORD_VAR, *words,
                                           env={PASSWORD_VAR: "alice"})
                self.assertFailsPlainly(run, USAGE)

    def test_no_command(self):
        self.assertFailsPlainly(self.cli_with_server(), USAGE)

    def test_secret_environment_variable_not_set(self):
        run = self.cli_with_server("--password-env", "ACCESSDESK_TEST_UNSET", "probe")
        self.assertFailsPlainly(run, USAGE)
        self.assertIn("ACCESSDESK_TEST_UNSET", run.stderr)

        run = self.cli("--server", self.SERVER, "--auth", "pat", "--token-env", TOKEN_VAR, "probe")
        self.assertFailsPlainly(run, USAGE)
        self.assertIn(TOKEN_VAR, run.stderr)

    def test_missing_secret_option(self):
        self.assertFailsPlainly(self.cli_with_server("probe"), USAGE)
        self.assertFailsPlainly(self.cli("--server", self.SERVER, "--auth", "pat", "probe"), USAGE)
        self.assertFailsPlainly(
            self.cli("--server", self.SERVER, "--auth", "oauth1", "--oauth-token-env", TOKEN_VAR,
                     "--oauth-secret-env", PASSWORD_VAR, "probe",
                     env={TOKEN_VAR: "t", PASSWORD_VAR: "s"}), USAGE)

    def test_bad_option_values(self):
        env = {PASSWORD_VAR: "alice"}
        cases = [
            ("--format", "xml"),
            ("--auth", "kerberos"),
            ("--timeout", "0"),
            ("--timeout", "soon"),
            ("--pin-sha256", "not-a-fingerprint"),
        ]
        for flag, value in cases:
            with self.subTest(flag=flag, value=value):
                run = self.cli_with_server("--password-env", PASSWORD_VAR, flag, value, "probe", env=env)
                self.assertFailsPlainly(run, USAGE)
                self.assertIn(flag.lstrip("-"), run.stderr)
        run = self.cli_with_server("--password-env", PASSWORD_VAR, "pat", "create", "x", "--days", "0",
                                   env=env)
        self.assertFailsPlainly(run, USAGE)

    def test_server_must_be_an_http_url(self):
        run = self.cli("--server", "ftp://jira.example.com", "--user", "alice", "--password-env",
                       PASSWORD_VAR, "probe", env={PASSWORD_VAR: "alice"})
        self.assertFailsPlainly(run, USAGE)

    def test_server_or_profile_but_not_both_and_not_neither(self):
        env = {PASSWORD_VAR: "alice"}
        run = self.cli("--profile", "x", "--server", self.SERVER, "--user", "alice", "--password-env",
                       PASSWORD_VAR, "probe", env=env)
        self.assertFailsPlainly(run, USAGE)
        run = self.cli("--user", "alice", "--password-env", PASSWORD_VAR, "probe", env=env)
        self.assertFailsPlainly(run, USAGE)

    def test_unknown_profile(self):
        run = self.cli("--profile", "no-such-profile", "probe")
        self.assertFailsPlainly(run, USAGE)
        self.assertIn("no-such-profile", run.stderr)

    def test_help_and_version(self):
        run = self.cli("--help")
        self.assertExit(run, OK)
        for word in ("--password-env", "--token-env", "--format", "tokens revoke", "pat create"):
            self.assertIn(word, run.stdout)
        run = self.cli("--version")
        self.assertExit(run, OK)
        self.assertIn("accessdesk-cli", run.stdout)


if __name__ == "__main__":
    unittest.main()
