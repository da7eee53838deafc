"""profiles add|list|test|remove with secrets in a real keychain (gnome-keyring on the D-Bus session
that scripts/test.sh starts), and secrets that never reach argv, output or a file on disk."""
import os
import unittest
import uuid

from clitest import AUTH, NETWORK, OK, PASSWORD_VAR, TOKEN_VAR, USAGE, CliTestCase, needs_keychain, unique

NO_KEYCHAIN = {"DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent"}


class Profiles(CliTestCase):
    def add(self, name, *args, env=None):
        return self.cli("profiles", "add", name, "--server", self.url, *args, env=env)

    def profiles(self):
        return self.ok_json(self.cli("profiles", "list", "--format", "json"))

    def profile_file(self):
        return os.path.join(self.config_home, "AccessDesk")

    @needs_keychain
    def test_round_trip_with_the_password_in_the_keychain(self):
        name = unique("alice-basic")
        self.addCleanup(self.cli, "profiles", "remove", name)
        added = self.add(name, "--auth", "basic", "--user", "alice", "--password-env", PASSWORD_VAR,
                         env={PASSWORD_VAR: "alice"})
        self.assertExit(added, OK)

        listed = [p for p in self.profiles() if p["name"] == name]
        self.assertEqual(len(listed), 1, self.profiles())
        self.assertEqual(listed[0]["server"].rstrip("/"), self.url)
        self.assertEqual(listed[0]["auth"], "basic")
        self.assertEqual(listed[0]["user"], "alice")
        table = self.cli("profiles", "list")
        self.assertExit(table, OK)
        self.assertIn(name, table.stdout)

        # No --password-env: the secret comes from the keychain.
        report = self.ok_json(self.cli("--profile", name, "probe", "--format", "json"))
        self.assertEqual(report["user"]["name"], "alice")
        self.assertEqual(report["baseUrl"], self.url)
        self.assertExit(self.cli("profiles", "test", name), OK)
        self.assertExit(self.cli("--profile", name, "tokens", "list", "--format", "json"), OK)

        removed = self.cli("profiles", "remove", name)
        self.assertExit(removed, OK)
        self.assertNotIn(name, [p["name"] for p in self.profiles()])
        self.assertFailsPlainly(self.cli("--profile", name, "probe", "--format", "json"), USAGE)
        self.assertFailsPlainly(self.cli("profiles", "test", name), USAGE)

        # The secret went with the profile: the same name added again has none.
        self.assertExit(self.add(name, "--auth", "basic", "--user", "alice"), OK)
        again = self.cli("--profile", name, "probe", "--format", "json")
        self.assertFailsPlainly(again, USAGE)

    @needs_keychain
    def test_pat_profile_keeps_the_token_only_in_the_keychain(self):
        token = self.create_pat("alice")["rawToken"]
        name = unique("alice-pat")
        self.addCleanup(self.cli, "profiles", "remove", name)
        runs = [self.add(name, "--auth", "pat", "--token-env", TOKEN_VAR, env={TOKEN_VAR: token})]
        self.assertExit(runs[0], OK)
        runs.append(self.cli("--profile", name, "probe", "--format", "json"))
        self.assertEqual(self.ok_json(runs[-1])["user"]["name"], "alice")
        runs.append(self.cli("profiles", "list", "--format", "json"))
        runs.append(self.cli("profiles", "list"))
        # A change that goes to the activity log, made through the profile.
        victim = self.create_pat("alice")
        runs.append(self.cli("--profile", name, "pat", "revoke", victim["id"], "--yes"))
        self.assertExit(runs[-1], OK)
        runs.append(self.cli("activity", "list", "--format", "json"))
        self.assertExit(runs[-1], OK)
        self.assertTrue(list(self.files_under(self.config_home)), "no profile file was written")
        self.assertTrue(list(self.files_under(self.data_home)), "no activity log was written")
        self.assertSecretNowhere(token, runs)

    def test_password_never_in_output_or_files(self):
        # trackersim's passwords equal the user names, so a distinctive secret is a wrong password:
        # what matters is that every path the secret takes leaves it nowhere.
        password = "pw-" + uuid.uuid4().hex
        env = {PASSWORD_VAR: password}
        runs = []
        for auth in ("basic", "session"):
            runs.append(self.cli("--server", self.url, "--auth", auth, "--user", "alice",
                                 "--password-env", PASSWORD_VAR, "tokens", "revoke", "pat:1", "--yes",
                                 "--format", "json", env=env))
            self.assertExit(runs[-1], 3)
        name = unique("wrong-password")
        self.addCleanup(self.cli, "profiles", "remove", name)
        runs.append(self.add(name, "--user", "alice", "--password-env", PASSWORD_VAR, env=env))
        runs.append(self.cli("--profile", name, "--password-env", PASSWORD_VAR, "probe", env=env))
        runs.append(self.cli("--profile", name, "probe"))
        runs.append(self.cli("profiles", "list", "--format", "json"))
        runs.append(self.cli("activity", "list", "--format", "json"))
        self.assertSecretNowhere(password, runs)

    def test_without_a_keychain_the_secret_is_not_saved_and_nothing_secret_is_written(self):
        # A personal access token: a real secret the server accepts, unlike anything else in
        # trackersim (whose passwords equal the user names).
        token = self.create_pat("alice")["rawToken"]
        name = unique("no-keychain")
        env = dict(NO_KEYCHAIN, **{TOKEN_VAR: token})
        run = self.add(name, "--auth", "pat", "--token-env", TOKEN_VAR, env=env)
        self.assertNotEqual(run.code, OK, f"the secret was not saved, so this must not succeed\n{run}")
        self.assertIn("not saved", run.stderr)
        self.assertIn("keychain", run.stderr)
        self.assertSecretNowhere(token, [run])
        # Using the profile then needs the secret from the environment again.
        probe = self.cli("--profile", name, "probe", env=NO_KEYCHAIN)
        self.assertNotEqual(probe.code, OK)
        self.assertIn("keychain", probe.stderr)
        self.assertSecretNowhere(token, [probe])
        with_env = self.cli("--profile", name, "--token-env", TOKEN_VAR, "probe", "--format", "json",
                            env=env)
        self.assertEqual(self.ok_json(with_env)["user"]["name"], "alice")

    def test_a_refused_password_saves_nothing(self):
        name = unique("refused")
        run = self.add(name, "--user", "alice", "--password-env", PASSWORD_VAR,
                       env={PASSWORD_VAR: "pw-" + uuid.uuid4().hex})
        self.assertFailsPlainly(run, AUTH)
        self.assertIn("nothing was saved", run.stderr)
        self.assertNotIn(name, [p["name"] for p in self.profiles()])

    def test_an_unreachable_server_saves_nothing(self):
        name = unique("unreachable")
        run = self.cli("profiles", "add", name, "--server", "http://127.0.0.1:1", "--user", "alice",
                       "--password-env", PASSWORD_VAR, env={PASSWORD_VAR: "alice"})
        self.assertFailsPlainly(run, NETWORK)
        self.assertNotIn(name, [p["name"] for p in self.profiles()])

    def test_without_a_secret_only_the_server_is_checked(self):
        name = unique("later")
        self.addCleanup(self.cli, "profiles", "remove", name)
        run = self.add(name, "--user", "alice")
        self.assertExit(run, OK)
        self.assertIn("not tested", run.stderr)
        self.assertIn(name, [p["name"] for p in self.profiles()])

    def test_add_needs_a_server(self):
        self.assertFailsPlainly(self.cli("profiles", "add", unique("x"), "--user", "alice"), USAGE)

    def test_remove_of_an_unknown_profile(self):
        self.assertFailsPlainly(self.cli("profiles", "remove", unique("never-added")), USAGE)

    def test_a_failed_add_saves_nothing(self):
        name = unique("half-made")
        run = self.add(name, "--user", "alice", "--password-env", "ACCESSDESK_TEST_UNSET")
        self.assertFailsPlainly(run, USAGE)
        self.assertNotIn(name, [p["name"] for p in self.profiles()],
                         "a profile whose secret could not be read was saved anyway")

    def test_the_profiles_timeout_is_used(self):
        name = unique("impatient")
        self.assertExit(self.add(name, "--user", "alice", "--timeout", "1"), OK)
        self.sim.add_fault(path="/rest/api/2/myself", action="stall", delayMs=0)
        # The default timeout is 30 s: the CLI is stopped long before that if it ignores the profile's.
        run = self.cli("--profile", name, "--password-env", PASSWORD_VAR, "probe", "--format", "json",
                       env={PASSWORD_VAR: "alice"}, timeout=10)
        self.assertFailsPlainly(run, 4, plain=False)

    def test_profile_keeps_the_pin_and_the_url(self):
        name = unique("pinned")
        pin = "ab" * 32
        self.addCleanup(self.cli, "profiles", "remove", name)
        self.assertExit(self.add(name, "--user", "alice", "--pin-sha256", pin), OK)
        listed = next(p for p in self.profiles() if p["name"] == name)
        self.assertEqual(listed["pinnedSha256"].replace(":", "").lower(), pin)

    @needs_keychain
    def test_a_profile_moved_to_another_server_does_not_keep_its_secret(self):
        name = unique("moved")
        self.addCleanup(self.cli, "profiles", "remove", name)
        self.assertExit(self.add(name, "--user", "alice", "--password-env", PASSWORD_VAR,
                                 env={PASSWORD_VAR: "alice"}), OK)
        self.assertExit(self.cli("--profile", name, "probe", "--format", "json"), OK)
        # The same name, another host (the same trackersim as "localhost"), no new secret: the
        # stored password was for the old address and is not sent to the new one.
        moved = self.url.replace("127.0.0.1", "localhost")
        self.assertExit(self.cli("profiles", "add", name, "--server", moved, "--user", "alice"), OK)
        again = self.cli("--profile", name, "probe", "--format", "json")
        self.assertFailsPlainly(again, USAGE)
        # Given again, it works at the new address.
        run = self.cli("--profile", name, "--password-env", PASSWORD_VAR, "probe", "--format",
                       "json", env={PASSWORD_VAR: "alice"})
        self.assertEqual(self.ok_json(run)["user"]["name"], "alice")


class PlainHttpAndUserInfo(CliTestCase):
    """A secret never goes over plain http:// to another computer without --allow-http, and a
    server address never carries user info. trackersim listens on loopback, which is exempt (every
    other test here uses http://127.0.0.1); 192.0.2.10 (TEST-NET-1) stands for another computer."""

    REMOTE = "http://192.0.2.10:9"
    SIM_ARGS = None

    def test_server_with_user_info_is_refused(self):
        run = self.cli("--server", "https://alice:hunter2@jira.example.test", "probe")
        self.assertFailsPlainly(run, USAGE)
        self.assertIn("must not contain a user name or password", run.stderr)
        self.assertIn("--password-env", run.stderr)
        self.assertNotIn("hunter2", run.stderr)
        added = self.cli("profiles", "add", unique("userinfo"), "--server",
                         "https://alice:hunter2@jira.example.test")
        self.assertFailsPlainly(added, USAGE)
        self.assertNotIn("hunter2", added.stderr)
        self.assertEqual(self.ok_json(self.cli("profiles", "list", "--format", "json")), [])

    def test_password_over_http_to_another_computer_needs_allow_http(self):
        run = self.cli("--server", self.REMOTE, "--user", "alice", "--password-env", PASSWORD_VAR,
                       "probe", env={PASSWORD_VAR: "alice"}, timeout=30)
        self.assertFailsPlainly(run, USAGE)
        self.assertIn("--allow-http", run.stderr)
        self.assertIn("192.0.2.10", run.stderr)

        # Allowed: it is sent (and here nobody answers, which is a network failure, not usage).
        allowed = self.cli("--server", self.REMOTE, "--user", "alice", "--password-env",
                           PASSWORD_VAR, "--allow-http", "--timeout", "3", "probe",
                           env={PASSWORD_VAR: "alice"}, timeout=60)
        self.assertFailsPlainly(allowed, NETWORK)
        self.assertNotIn("--allow-http", allowed.stderr)

    def test_token_over_http_to_another_computer_needs_allow_http(self):
        run = self.cli("--server", self.REMOTE, "--auth", "pat", "--token-env", TOKEN_VAR, "probe",
                       env={TOKEN_VAR: "not-a-real-token"}, timeout=30)
        self.assertFailsPlainly(run, USAGE)
        self.assertIn("--allow-http", run.stderr)

    def test_profiles_add_over_http_without_allow_http_saves_nothing(self):
        name = unique("plain")
        run = self.cli("profiles", "add", name, "--server", self.REMOTE, "--user", "alice",
                       "--password-env", PASSWORD_VAR, env={PASSWORD_VAR: "alice"}, timeout=30)
        self.assertExit(run, USAGE)
        self.assertIn("--allow-http", run.stderr)
        self.assertNotIn(name, [p["name"] for p in
                                self.ok_json(self.cli("profiles", "list", "--format", "json"))])

    def test_allow_http_is_in_the_help(self):
        run = self.cli("--help")
        self.assertIn("--allow-http", run.stdout)


if __name__ == "__main__":
    unittest.main()
