"""Runs accessdesk-cli the way a script would, against a real trackersim.

CTest sets ACCESSDESK_CLI and TRACKERSIM to the built executables. Every test gets its own
XDG_CONFIG_HOME and XDG_DATA_HOME (profiles.ini, the SQLite activity log), so nothing leaks between
tests or into the user's own files. Secrets reach the CLI only through environment variables, as the
contract demands (issue #3, section 4); the helpers here never put one on the command line.
"""
import json
import os
import pty
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
import uuid
import warnings

import requests

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.normpath(os.path.join(HERE, os.pardir, os.pardir, "conformance")))

from simharness import Sim  # noqa: E402  (needs the path above)

# The exit codes of the contract (README "CLI", app/cli/ExitCode.h).
OK, USAGE, AUTH, NETWORK, SERVER, PARTIAL = 0, 2, 3, 4, 5, 6

# Qt's own diagnostics ("QIODevice::read (QNetworkReplyHttpImpl): device not open", "qt.network...: ")
# are not words for people: a script's user cannot act on them.
QT_NOISE = re.compile(r"^(Q[A-Z]\w*::\w+|qt\.[\w.]+: )", re.MULTILINE)

PASSWORD_VAR = "ACCESSDESK_TEST_PASSWORD"
TOKEN_VAR = "ACCESSDESK_TEST_TOKEN"


def cli_binary():
    binary = os.environ.get("ACCESSDESK_CLI")
    if not binary:
        raise RuntimeError("set ACCESSDESK_CLI to the accessdesk-cli executable (CTest does)")
    return binary


class Run:
    """One finished CLI process."""

    def __init__(self, args, code, stdout, stderr):
        self.args = args
        self.code = code
        self.stdout = stdout
        self.stderr = stderr

    def json(self):
        return json.loads(self.stdout)

    def __str__(self):
        return (f"accessdesk-cli {' '.join(self.args)}\n  exit {self.code}\n"
                f"  stdout: {self.stdout!r}\n  stderr: {self.stderr!r}")


class CliTestCase(unittest.TestCase):
    """One trackersim per test class (SIM_ARGS adds flags; None starts none), or one per test with
    SIM_PER_TEST for tests that change the seeded data; one fresh pair of XDG folders per test."""

    SIM_ARGS = ()
    SIM_PER_TEST = False

    @classmethod
    def setUpClass(cls):
        warnings.simplefilter("ignore", ResourceWarning)
        cls.sim = None
        if cls.SIM_ARGS is not None and not cls.SIM_PER_TEST:
            cls.sim = Sim(*cls.SIM_ARGS)
            cls.url = cls.sim.url

    @classmethod
    def tearDownClass(cls):
        if cls.sim and not cls.SIM_PER_TEST:
            cls.sim.stop()

    def setUp(self):
        # requests sessions are left to the garbage collector; their sockets are not the subject.
        warnings.simplefilter("ignore", ResourceWarning)
        self.home = tempfile.mkdtemp(prefix="accessdesk-cli-test-")
        self.addCleanup(shutil.rmtree, self.home, True)
        self.config_home = os.path.join(self.home, "config")
        self.data_home = os.path.join(self.home, "data")
        os.makedirs(self.config_home)
        os.makedirs(self.data_home)
        if self.SIM_PER_TEST:
            self.sim = Sim(*self.SIM_ARGS)
            self.url = self.sim.url
            self.addCleanup(self.sim.stop)
        # The control interface is reached over plain HTTP only (simharness does not verify TLS).
        if self.sim and self.sim.url.startswith("http://"):
            self.addCleanup(self.sim.clear_faults)

    # --- running the CLI ---------------------------------------------------------------------

    def cli_env(self, extra=None):
        env = dict(os.environ)
        # Only what a test hands over explicitly reaches the CLI as a secret.
        for name in list(env):
            if name.startswith("ACCESSDESK_TEST_"):
                del env[name]
        env["XDG_CONFIG_HOME"] = self.config_home
        env["XDG_DATA_HOME"] = self.data_home
        # The tests read English whatever language the machine running them speaks;
        # test_languages.py passes its own.
        env["LC_ALL"] = "C.UTF-8"
        env.pop("LANGUAGE", None)
        env.update(extra or {})
        return env

    def cli(self, *args, env=None, timeout=90, cwd=None):
        """Runs the CLI with no terminal on stdin (so it can never ask) and returns a Run."""
        args = [str(a) for a in args]
        done = subprocess.run([cli_binary(), *args], env=self.cli_env(env), stdin=subprocess.DEVNULL,
                              capture_output=True, text=True, timeout=timeout, cwd=cwd or self.home)
        return Run(args, done.returncode, done.stdout, done.stderr)

    def cli_in_terminal(self, *args, answer, env=None, timeout=90):
        """Runs the CLI with a terminal (a pseudo-terminal) on stdin, where answer is typed."""
        main, terminal = pty.openpty()
        try:
            os.write(main, answer.encode())
            done = subprocess.run([cli_binary(), *[str(a) for a in args]], env=self.cli_env(env),
                                  stdin=terminal, capture_output=True, text=True, timeout=timeout,
                                  cwd=self.home)
        finally:
            os.close(terminal)
            os.close(main)
        return Run([str(a) for a in args], done.returncode, done.stdout, done.stderr)

    def start_cli(self, *args, env=None):
        """Starts the CLI without waiting for it (for a crash mid-way)."""
        return subprocess.Popen([cli_binary(), *[str(a) for a in args]], env=self.cli_env(env),
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, cwd=self.home)

    def as_user(self, user, *args, url=None, password=None, env=None):
        """Basic authentication with the password (the user's name, as seeded) in the environment."""
        extra = {PASSWORD_VAR: password if password is not None else user}
        extra.update(env or {})
        return self.cli("--server", url or self.url, "--user", user, "--password-env", PASSWORD_VAR,
                        *args, env=extra)

    def alice(self, *args, **kwargs):
        return self.as_user("alice", *args, **kwargs)

    # --- assertions --------------------------------------------------------------------------

    def assertExit(self, run, code):
        self.assertEqual(run.code, code, f"expected exit {code}\n{run}")

    def assertFailsPlainly(self, run, code, plain=True):
        """A failure: the documented code, a message on stderr, nothing on stdout; with plain, no
        Qt diagnostics among the words either."""
        self.assertExit(run, code)
        self.assertTrue(run.stderr.strip(), f"no message on stderr\n{run}")
        self.assertEqual(run.stdout.strip(), "", f"stdout must stay clean on failure\n{run}")
        if plain:
            self.assertNoQtNoise(run)

    def assertNoQtNoise(self, run):
        self.assertIsNone(QT_NOISE.search(run.stderr), f"Qt diagnostics on stderr\n{run}")

    def ok_json(self, run):
        self.assertExit(run, OK)
        try:
            return run.json()
        except ValueError as error:
            self.fail(f"stdout is not one JSON document ({error})\n{run}")

    def files_under(self, *roots):
        roots = roots or (self.config_home, self.data_home)
        for root in roots:
            for folder, _, names in os.walk(root):
                for name in names:
                    yield os.path.join(folder, name)

    def assertSecretNowhere(self, secret, runs=()):
        """The secret is in no output and in no byte of any file the CLI wrote (profiles.ini,
        the SQLite database with its WAL and journal)."""
        for run in runs:
            self.assertNotIn(secret, run.stdout, f"secret on stdout\n{run}")
            self.assertNotIn(secret, run.stderr, f"secret on stderr\n{run}")
        needles = {secret.encode(), secret.encode("utf-16-le")}
        for path in self.files_under():
            with open(path, "rb") as f:
                data = f.read()
            for needle in needles:
                self.assertNotIn(needle, data, f"the secret is written in {path}")

    # --- the server, through requests ----------------------------------------------------------

    def rest(self, user):
        s = requests.Session()
        self.addCleanup(s.close)
        s.auth = (user, user)
        s.headers.update({"Accept": "application/json", "User-Agent": "accessdesk-cli-tests/1.0"})
        return s

    def create_pat(self, user="alice", name=None, days=None):
        body = {"name": name or "cli-test-" + uuid.uuid4().hex[:8]}
        if days is not None:
            body["expirationDuration"] = days
        reply = self.rest(user).post(self.url + "/rest/pat/latest/tokens", json=body)
        self.assertEqual(reply.status_code, 201, reply.text)
        return reply.json()

    def pat_ids(self, user="alice"):
        reply = self.rest(user).get(self.url + "/rest/pat/latest/tokens")
        self.assertEqual(reply.status_code, 200, reply.text)
        return {token["id"] for token in reply.json()}


def needs_keychain(test):
    """Keychain round trips need the D-Bus session with an unlocked gnome-keyring that
    scripts/test.sh starts; without one they are skipped, and say why."""
    return unittest.skipUnless(
        os.environ.get("DBUS_SESSION_BUS_ADDRESS"),
        "no D-Bus session: run inside dbus-run-session with an unlocked gnome-keyring "
        "(scripts/test.sh does)")(test)


def unique(prefix):
    """A name no other test (nor a parallel run sharing the keyring) uses."""
    return f"{prefix}-{uuid.uuid4().hex[:10]}"
