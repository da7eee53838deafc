"""Secret hygiene (issue 11, section 3): the whole story through accessdesk-cli and the desktop app,
then a search of everything AccessDesk wrote for every secret it handled. CTest runs it as
integration.secret_hygiene, registered in tests/gui/CMakeLists.txt because it needs the widget
binary (not named test_*.py, so the CLI tests' glob leaves it alone).

One trackersim; one private HOME holding XDG_CONFIG_HOME, XDG_DATA_HOME, XDG_CACHE_HOME,
XDG_STATE_HOME, XDG_RUNTIME_DIR, TMPDIR, the working folder and the folder for exports and
receipts, shared by every run of the CLI, the app's half (tests/gui/hygiene_app.cpp, real widgets
on the offscreen platform) and the real `accessdesk` binary. Logging is switched fully on
(QT_LOGGING_RULES=accessdesk.*=true), so the logs on stderr are as talkative as they get.

The secrets: the passwords of admin and bob (distinctive, set in trackersim's data file); a
personal access token made with `pat create` and signed in with, another made and revoked, one
revoked by an admin with a receipt; a PAT made in the app's "New token…" and signed in with; OAuth
1.0a access tokens and token secrets (CLI with and without a profile, the app) and the consumers'
private keys (one from `consumers keygen`, one PKCS#1 key made here); OAuth 2.0 access and refresh
tokens of every generation (login with and without a profile, renewals in the CLI and the app); the
OAuth 2.0 client secrets made and reset by `oauth2-clients` and by the app's form; the session
cookie of a `--auth session` profile; the admin's password typed into the app's form of a session
profile; the consumer private key the app's approval form generates into the file the user picks
(outside HOME); a new PAT and a new OAuth 2.0 client secret copied with their Copy buttons, on a
real X server (Xvfb), which another X client must find on the clipboard while the app runs and no
longer find once it quit. Where the
server makes them, they are taken from the output
that shows them once and from the keychain (hygiene_app dumpKeychain): the keychain is where they
belong and is not searched.

The search: every file under HOME, byte for byte (the SQLite database with its -wal/-shm/-journal
before and after a checkpoint, plus a dump of its rows), and stdout and stderr of every run; each
secret raw, as UTF-16, base64 (at every alignment, so also inside "user:password"), URL-encoded,
hex and JSON-escaped. The only place a secret may appear is the stdout of the one run that exists
to show it (`pat create`, `oauth2-clients create|reset`, `oauth1 authorize` and `oauth2 login`
without a profile). Private keys live in key files outside HOME, where the user put them.

Core dumps: both programs lower their core size limit to 0 and make themselves non-dumpable
(app/secrets/CoreDumps.cpp). Every run here starts with the soft limit raised, so this test sees
the programs' own doing in /proc/<pid>/limits; a CLI and the app are then killed with SIGABRT and
no core file may appear (the kernel's pattern here is a file in the working folder).
"""
import base64
import html
import json
import os
import queue
import re
import resource
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import threading
import time
import unittest
import urllib.parse
import uuid
import warnings

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

import clitest  # noqa: F401  (puts tests/conformance on the path)
from oauth1help import AUTHORIZE, Forms, browser_login  # noqa: E402
from simharness import Sim, free_port  # noqa: E402

TIMEOUT = 60
HIDDEN_FIELD = re.compile(r'<input type="hidden" name="([^"]+)" value="([^"]*)">')


def binary(name):
    path = os.environ.get(name)
    if not path:
        raise RuntimeError(f"set {name} (CTest does)")
    return path


def drain(stream, put):
    for line in stream:
        put(line)


def base64_forms(value):
    """The base64 text of value wherever it starts inside a longer encoded blob: for each of the
    three alignments, the characters that depend on value alone."""
    forms = []
    for shift in range(3):
        for encode in (base64.b64encode, base64.urlsafe_b64encode):
            encoded = encode(b"\0" * shift + value)
            start = (shift * 8 + 5) // 6
            end = ((shift + len(value)) * 8) // 6
            forms.append(encoded[start:end])
    return forms


def encodings(value):
    """value (bytes) as it could land in a file or a log."""
    text = value.decode("utf-8", "replace")
    forms = [value, text.encode("utf-16-le"), value.hex().encode(), value.hex().upper().encode(),
             urllib.parse.quote(text, safe="").encode(), urllib.parse.quote_plus(text).encode(),
             json.dumps(text)[1:-1].encode()]
    forms.append(re.sub(rb"%[0-9A-F]{2}", lambda m: m.group(0).lower(), forms[4]))
    forms += base64_forms(value)
    # Short pieces would match by chance; every secret here is far longer.
    return {form for form in forms if len(form) >= 12}


def key_material(pem):
    """What would betray a private key: its PEM lines and DER (PKCS#8 and PKCS#1) and its private
    numbers, each in every encoding."""
    key = serialization.load_pem_private_key(pem, password=None)
    pieces = []
    for fmt in (serialization.PrivateFormat.PKCS8, serialization.PrivateFormat.TraditionalOpenSSL):
        der = key.private_bytes(serialization.Encoding.DER, fmt, serialization.NoEncryption())
        as_pem = key.private_bytes(serialization.Encoding.PEM, fmt, serialization.NoEncryption())
        pieces.append(der)
        pieces += [line for line in as_pem.splitlines() if len(line) == 64]
    numbers = key.private_numbers()
    for number in (numbers.d, numbers.p, numbers.q):
        pieces.append(number.to_bytes((number.bit_length() + 7) // 8, "big"))
    needles = set()
    for piece in pieces:
        needles |= encodings(piece)
    return needles


class Run:
    def __init__(self, what, code, stdout, stderr):
        self.what, self.code, self.stdout, self.stderr = what, code, stdout, stderr

    def __str__(self):
        return f"{self.what}\n  exit {self.code}\n  stdout: {self.stdout!r}\n  stderr: {self.stderr!r}"


class SecretHygiene(unittest.TestCase):
    def setUp(self):
        warnings.simplefilter("ignore", ResourceWarning)
        self.started = time.monotonic()
        self.base = tempfile.mkdtemp(prefix="accessdesk-hygiene-")
        self.addCleanup(shutil.rmtree, self.base, True)
        self.home = os.path.join(self.base, "home")
        self.private = os.path.join(self.base, "private")  # the test's own, never searched
        self.dirs = {}
        for name in ("config", "data", "cache", "state", "runtime", "tmp", "exports", "work"):
            self.dirs[name] = os.path.join(self.home, name)
            os.makedirs(self.dirs[name], mode=0o700)
        os.makedirs(os.path.join(self.private, "keys"))
        self.capture_file = os.path.join(self.private, "captured.jsonl")
        self.suffix = uuid.uuid4().hex[:8]
        self.runs = []
        self.secrets = {}      # label -> bytes
        self.keys = {}         # label -> PEM bytes
        self.allowed = []      # (run, label): the run that exists to show that secret

        self.sim = Sim("--data", os.path.join(self.private, "sim.sqlite"))
        self.addCleanup(self.sim.stop)
        self.url = self.sim.url
        # Distinctive passwords, set where trackersim keeps them (seeded: password = user name).
        self.passwords = {"admin": f"Adm1n+Hyg/{self.suffix}=pw%&x",
                          "bob": f"B0b-Hyg+{self.suffix}/pw==?&"}
        with sqlite3.connect(os.path.join(self.private, "sim.sqlite"), timeout=10) as db:
            for user, password in self.passwords.items():
                db.execute("UPDATE users SET password = ? WHERE name = ?", (password, user))
        for user, password in self.passwords.items():
            self.secrets[f"{user}'s password"] = password.encode()
            reply = requests.get(self.url + "/rest/api/2/myself", auth=(user, password), timeout=10)
            self.assertEqual(reply.status_code, 200, reply.text)
        self.addCleanup(self.forget_profiles)
        # Core files allowed as far as the hard limit goes, for every program started from here:
        # AccessDesk must lower the limit again itself.
        limits = resource.getrlimit(resource.RLIMIT_CORE)
        resource.setrlimit(resource.RLIMIT_CORE, (limits[1], limits[1]))
        self.addCleanup(resource.setrlimit, resource.RLIMIT_CORE, limits)

    # --- running AccessDesk -------------------------------------------------------------------

    def env(self, extra=None):
        env = {k: v for k, v in os.environ.items() if not k.startswith(("ACCESSDESK_TEST_", "HYGIENE_"))}
        for name in ("DISPLAY", "WAYLAND_DISPLAY", "LANGUAGE"):
            env.pop(name, None)
        env.update({"HOME": self.home, "XDG_CONFIG_HOME": self.dirs["config"],
                    "XDG_DATA_HOME": self.dirs["data"], "XDG_CACHE_HOME": self.dirs["cache"],
                    "XDG_STATE_HOME": self.dirs["state"], "XDG_RUNTIME_DIR": self.dirs["runtime"],
                    "TMPDIR": self.dirs["tmp"], "LC_ALL": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen",
                    "QT_LOGGING_RULES": "accessdesk.*=true"})
        env.update(extra or {})
        return env

    def start(self, program, args, extra_env=None, stdin=subprocess.DEVNULL):
        """Starts program; threads read its stdout and stderr as they come (a full pipe would stop
        a talkative process), into process.out and process.err."""
        process = subprocess.Popen([program, *[str(a) for a in args]], env=self.env(extra_env),
                                   cwd=self.dirs["work"], stdin=stdin, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        self.addCleanup(lambda: process.poll() is None and process.kill())
        process.out, process.err = [], queue.Queue()
        process.err_seen = []
        process.readers = [
            threading.Thread(target=drain, args=(process.stdout, process.out.append), daemon=True),
            threading.Thread(target=lambda: (drain(process.stderr, process.err.put),
                                             process.err.put(None)), daemon=True)]
        for reader in process.readers:
            reader.start()
        return process

    def err_line(self, process, timeout=TIMEOUT):
        """The next line on stderr; None at its end."""
        line = process.err.get(timeout=timeout)
        if line is not None:
            process.err_seen.append(line)
        return line

    def finish(self, process, what, text=None, timeout=TIMEOUT):
        """Sends text (if any) to stdin, waits for the process and records its output."""
        if process.stdin:
            if text:
                process.stdin.write(text)
            process.stdin.close()
        process.wait(timeout=timeout)
        while self.err_line(process) is not None:
            pass
        for reader in process.readers:
            reader.join(TIMEOUT)
        run = Run(what, process.returncode, "".join(process.out), "".join(process.err_seen))
        self.runs.append(run)
        return run

    def cli(self, *args, env=None, expect=0):
        process = self.start(binary("ACCESSDESK_CLI"), args, env)
        run = self.finish(process, "accessdesk-cli " + " ".join(str(a) for a in args))
        if expect is not None:
            self.assertEqual(run.code, expect, str(run))
        return run

    def cli_json(self, *args, env=None):
        return json.loads(self.cli(*args, "--format", "json", env=env).stdout)

    def shown_once(self, run, label, value):
        """run exists to show this secret: it is allowed (and must be) on that stdout only."""
        self.assertIn(value, run.stdout)
        self.secrets[label] = value.encode()
        self.allowed.append((run, label))

    def read_url(self, process):
        """The address the CLI prints on stderr (indented on its own line) for the browser. The
        OAuth 1.0a request tokens handed out so far are taken from the server meanwhile: it
        forgets them once they are exchanged."""
        while True:
            line = self.err_line(process)
            if line is None:
                self.fail("no address printed: " + "".join(process.err_seen))
            if line.startswith("  http"):
                with sqlite3.connect(os.path.join(self.private, "sim.sqlite"), timeout=10) as db:
                    for token, secret in db.execute(
                            "SELECT token, secret FROM oauth1_tokens WHERE kind = 'request'"):
                        self.secrets[f"server's OAuth 1.0a request token secret {token[:6]}"] = \
                            secret.encode()
                return line.strip()

    def hygiene_app(self, function, extra_env=None):
        process = self.start(binary("HYGIENE_APP"), [function], dict(extra_env or {}, **{
            "HYGIENE_SIM_URL": self.url, "HYGIENE_CAPTURE": self.capture_file,
            "HYGIENE_SUFFIX": self.suffix, "QTEST_FUNCTION_TIMEOUT": str(TIMEOUT * 1000)}))
        run = self.finish(process, "hygiene_app " + function, timeout=TIMEOUT + 30)
        self.assertEqual(run.code, 0, str(run))
        return run

    def x_display(self):
        """A private Xvfb on a free display number (for the clipboard): ':N'."""
        read, write = os.pipe()
        server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-nolisten", "tcp", "-screen", "0",
                                   "1024x768x24"], pass_fds=(write,), stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        os.close(write)
        self.addCleanup(lambda: (server.terminate(), server.wait(TIMEOUT)))
        with os.fdopen(read) as f:
            number = f.readline().strip()
        self.assertTrue(number.isdigit(), "Xvfb did not start")
        return ":" + number

    def dump_keychain(self):
        """Every profile's secrets, as the keychain holds them now, to the capture file."""
        self.hygiene_app("dumpKeychain")

    def forget_profiles(self):
        listed = subprocess.run([binary("ACCESSDESK_CLI"), "profiles", "list", "--format", "json"],
                                env=self.env(), capture_output=True, text=True, timeout=TIMEOUT)
        for profile in json.loads(listed.stdout or "[]"):
            subprocess.run([binary("ACCESSDESK_CLI"), "profiles", "remove", profile["name"]],
                           env=self.env(), capture_output=True, timeout=TIMEOUT)

    # --- the browser ------------------------------------------------------------------------

    def allow_oauth1(self, address):
        browser = browser_login(self.url, "alice")
        page = browser.get(address, allow_redirects=False)
        self.assertEqual(page.status_code, 200, page.text)
        form = Forms(page.text).inputs
        answer = browser.post(self.url + AUTHORIZE, allow_redirects=False, data={
            "oauth_token": form["oauth_token"], "atl_token": form["atl_token"], "approve": "Allow"})
        self.assertEqual(answer.status_code, 200, answer.text)
        return Forms(answer.text).ids["oauth-verifier"]

    def allow_oauth2(self, address):
        browser = browser_login(self.url, "alice")
        reply = browser.get(address, allow_redirects=False)
        self.assertEqual(reply.status_code, 303, reply.text)
        page = browser.get(reply.headers["Location"], allow_redirects=False)
        fields = {name: html.unescape(value) for name, value in HIDDEN_FIELD.findall(page.text)}
        fields["approve"] = "Allow"
        decided = browser.post(self.url + "/plugins/servlet/oauth2/consent", data=fields,
                               allow_redirects=False)
        self.assertEqual(decided.status_code, 302, decided.text)
        self.assertEqual(requests.get(decided.headers["Location"], timeout=TIMEOUT).status_code, 200)

    # --- core dumps ---------------------------------------------------------------------------

    def assert_no_core_dump(self, process, what):
        """The running process keeps its memory out of core files: its soft core limit is 0 (and,
        where this test can tell, it is not dumpable); killed with SIGABRT, it leaves no core."""
        with open(f"/proc/{process.pid}/limits") as f:
            line = next(line for line in f if line.startswith("Max core file size"))
        self.assertEqual(line.split()[4], "0", f"{what}: {line.strip()}")
        if os.getuid() != 0:  # /proc/<pid> of a non-dumpable process belongs to root
            self.assertEqual(os.stat(f"/proc/{process.pid}").st_uid, 0, f"{what} is dumpable")
        before = set(os.listdir(self.dirs["work"]))
        process.send_signal(signal.SIGABRT)
        run = self.finish(process, what + " (killed with SIGABRT)")
        self.assertEqual(run.code, -signal.SIGABRT, str(run))
        with open("/proc/sys/kernel/core_pattern") as f:
            pattern = f.read().strip()
        if not pattern.startswith(("|", "/")):  # else the core would go elsewhere
            self.assertEqual(set(os.listdir(self.dirs["work"])) - before, set(), f"{what} dumped core")

    # --- the story --------------------------------------------------------------------------

    def test_no_secret_is_written_anywhere(self):
        s = self.suffix
        url = self.url
        admin_pw = {"ADMIN_PW": self.passwords["admin"]}
        bob_pw = {"BOB_PW": self.passwords["bob"]}

        # Passwords: bob with Basic, the admin with a cookie session, both kept in the keychain.
        bob, admin = f"cli-bob-{s}", f"cli-admin-{s}"
        self.cli("--server", url, "--user", "bob", "--password-env", "BOB_PW", "profiles", "add", bob,
                 env=bob_pw)
        self.cli("--server", url, "--auth", "session", "--user", "admin", "--password-env", "ADMIN_PW",
                 "profiles", "add", admin, env=admin_pw)
        self.cli("--profile", bob, "probe")
        self.cli("--server", url, "--user", "bob", "--password-env", "BOB_PW", "pat", "list", env=bob_pw)

        # Personal access tokens: made, signed in with, revoked; one by the admin, with a receipt.
        made = self.cli("--profile", bob, "--format", "json", "pat", "create", f"cred-{s}", "--days", "30")
        cred = json.loads(made.stdout)["token"]
        self.shown_once(made, "PAT signed in with (CLI)", cred)
        pat_profile = f"cli-pat-{s}"
        self.cli("--server", url, "--auth", "pat", "--token-env", "TOK", "profiles", "add", pat_profile,
                 env={"TOK": cred})
        self.cli("--profile", pat_profile, "tokens", "list")
        self.cli("--server", url, "--auth", "pat", "--token-env", "TOK", "pat", "list", env={"TOK": cred})
        for name in (f"revoked-{s}", f"swept-{s}"):
            made = self.cli("--profile", pat_profile, "--format", "json", "pat", "create", name)
            created = json.loads(made.stdout)
            self.shown_once(made, f"new PAT {name} (CLI)", created["token"])
            if name.startswith("revoked"):
                self.cli("--profile", bob, "--yes", "pat", "revoke", f"pat:{created['id']}")
            else:
                self.cli("--profile", admin, "--yes", "admin-pats", "revoke", str(created["id"]),
                         "--receipt", os.path.join(self.dirs["exports"], "receipt.csv"))

        # OAuth 1.0a consumers: one key pair from `consumers keygen`, one PKCS#1 key made here.
        cli_key = os.path.join(self.private, "keys", "cli-consumer.pem")
        keygen = json.loads(self.cli("--format", "json", "consumers", "keygen", "--out", cli_key).stdout)
        app_key = os.path.join(self.private, "keys", "app-consumer.pem")
        made_here = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        with open(app_key, "wb") as f:
            f.write(made_here.private_bytes(serialization.Encoding.PEM,
                                            serialization.PrivateFormat.TraditionalOpenSSL,
                                            serialization.NoEncryption()))
        public_keys = {"cli": keygen["publicKey"], "app": made_here.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode()}
        for who, path in (("cli", cli_key), ("app", app_key)):
            with open(path, "rb") as f:
                self.keys[f"{who} consumer's private key"] = f.read()
            link = self.cli_json("--profile", admin, "links", "create", f"http://{who}-{s}.example.test",
                                 "--type", "generic", "--name", f"Hygiene {who} {s}")
            public_file = os.path.join(self.private, "keys", f"{who}.pub")
            with open(public_file, "w") as f:
                f.write(public_keys[who])
            self.cli("--profile", admin, "consumers", "approve", link["id"], "--key", f"hygiene-{who}-{s}",
                     "--name", f"Hygiene {who}", "--public-key", public_file)
        consumer = ["--consumer-key", f"hygiene-cli-{s}", "--private-key", cli_key]

        # OAuth 1.0a tokens: printed once without a profile, kept in the keychain with one.
        process = self.start(binary("ACCESSDESK_CLI"),
                             ["--server", url, *consumer, "--format", "json", "oauth1", "authorize"],
                             stdin=subprocess.PIPE)
        address = self.read_url(process)
        run = self.finish(process, "oauth1 authorize", self.allow_oauth1(address) + "\n")
        self.assertEqual(run.code, 0, str(run))
        printed = json.loads(run.stdout)
        self.shown_once(run, "OAuth 1.0a token (CLI, printed)", printed["token"])
        self.shown_once(run, "OAuth 1.0a token secret (CLI, printed)", printed["tokenSecret"])
        self.cli("--server", url, "--auth", "oauth1", *consumer, "--oauth-token-env", "OT",
                 "--oauth-secret-env", "OS", "tokens", "list",
                 env={"OT": printed["token"], "OS": printed["tokenSecret"]})
        oauth1_profile = f"cli-oauth1-{s}"
        self.cli("--server", url, "profiles", "add", oauth1_profile)
        process = self.start(binary("ACCESSDESK_CLI"),
                             ["--profile", oauth1_profile, *consumer, "oauth1", "authorize"],
                             stdin=subprocess.PIPE)
        address = self.read_url(process)
        run = self.finish(process, "oauth1 authorize --profile", self.allow_oauth1(address) + "\n")
        self.assertEqual(run.code, 0, str(run))
        self.cli("--profile", oauth1_profile, "tokens", "list")

        # OAuth 2.0 clients: the secret shown once at create and at reset.
        port = free_port()
        made = self.cli("--profile", admin, "--format", "json", "oauth2-clients", "create",
                        f"Hygiene CLI {s}", "--redirect", f"http://127.0.0.1:{port}/callback",
                        "--scope", "WRITE")
        client = json.loads(made.stdout)
        self.shown_once(made, "client secret (CLI create)", client["clientSecret"])
        reset = self.cli("--profile", admin, "--yes", "--format", "json", "oauth2-clients", "reset",
                         client["id"])
        secret = json.loads(reset.stdout)["clientSecret"]
        self.shown_once(reset, "client secret (CLI reset)", secret)
        login = ["oauth2", "login", "--client-id", client["clientId"], "--client-secret-env", "CS",
                 "--redirect-port", port, "--scope", "WRITE"]

        # A CLI holding a client secret and the consumer's key is killed: no core file.
        process = self.start(binary("ACCESSDESK_CLI"), ["--server", url, *login], {"CS": secret})
        self.read_url(process)
        self.assert_no_core_dump(process, "accessdesk-cli oauth2 login")

        # OAuth 2.0 tokens: printed once without a profile, kept (and renewed) with one.
        process = self.start(binary("ACCESSDESK_CLI"), ["--server", url, "--format", "json", *login],
                             {"CS": secret})
        address = self.read_url(process)
        self.allow_oauth2(address)
        run = self.finish(process, "oauth2 login")
        self.assertEqual(run.code, 0, str(run))
        printed = json.loads(run.stdout)
        self.shown_once(run, "OAuth 2.0 access token (CLI, printed)", printed["accessToken"])
        self.shown_once(run, "OAuth 2.0 refresh token (CLI, printed)", printed["refreshToken"])
        self.cli("--server", url, "--auth", "oauth2", "--token-env", "AT", "tokens", "list",
                 env={"AT": printed["accessToken"]})
        oauth2_profile = f"cli-oauth2-{s}"
        self.cli("--server", url, "profiles", "add", oauth2_profile)
        process = self.start(binary("ACCESSDESK_CLI"), ["--profile", oauth2_profile, *login], {"CS": secret})
        address = self.read_url(process)
        self.allow_oauth2(address)
        run = self.finish(process, "oauth2 login --profile")
        self.assertEqual(run.code, 0, str(run))
        self.cli("--profile", oauth2_profile, "tokens", "list")
        self.dump_keychain()
        self.sim.advance_clock(3601)  # the access token expires: the next run renews it
        self.cli("--profile", oauth2_profile, "tokens", "list")
        self.dump_keychain()
        self.cli("--profile", oauth2_profile, "oauth2", "refresh")
        self.cli("--profile", admin, "admin-pats", "search", "--owner", "bob")

        # Exports: what the CLI prints, put in files as a user would.
        for name, args in (("tokens.json", ("--profile", bob, "--format", "json", "tokens", "list")),
                           ("tokens.csv", ("--profile", bob, "--format", "csv", "tokens", "list")),
                           ("activity.json", ("--format", "json", "activity", "list")),
                           ("activity.csv", ("activity", "export"))):
            with open(os.path.join(self.dirs["exports"], name), "w") as f:
                f.write(self.cli(*args).stdout)

        # The app: every kind again, through its widgets.
        self.hygiene_app("appStory", {"HYGIENE_ADMIN_PASSWORD": self.passwords["admin"],
                                      "HYGIENE_CONSUMER_KEY": f"hygiene-app-{s}",
                                      "HYGIENE_PRIVATE_KEY": app_key,
                                      "HYGIENE_KEYS": os.path.join(self.private, "keys"),
                                      "HYGIENE_EXPORTS": self.dirs["exports"]})
        # The clipboard: a real X server, since the offscreen platform's clipboard lives inside the
        # process and ends with it, so nothing could be left there for a test to miss.
        self.hygiene_app("clipboardStory", {"DISPLAY": self.x_display(), "QT_QPA_PLATFORM": "xcb"})
        self.dump_keychain()

        # The real app, started as a user starts it, connected and then killed: no core file.
        app = self.start(binary("ACCESSDESK_APP"), ["--profile", bob])
        self.wait_for_cached_list(bob, app)
        self.assert_no_core_dump(app, "accessdesk")
        self.hygiene_app("processProtection")  # non-dumpable too, which root cannot see from here

        self.read_captured()
        written = {os.path.relpath(path, self.home) for path in self.files()}
        for expected in ("config/AccessDesk/AccessDesk/profiles.ini",
                         "data/AccessDesk/AccessDesk/accessdesk.sqlite",
                         "data/AccessDesk/AccessDesk/accessdesk.sqlite-wal",
                         "exports/receipt.csv", "exports/app-my-access.csv",
                         "exports/app-activity.csv", "exports/activity.csv"):
            self.assertIn(expected, written)
        print("searched:", *sorted(written), sep="\n  ")
        self.assert_story_complete()
        self.assert_search_finds_what_it_should()
        self.assert_nothing_found("before the checkpoint")
        dumps = self.checkpoint()
        self.assert_nothing_found("after the checkpoint", extra={"rows of the database": dumps})
        elapsed = time.monotonic() - self.started
        print(f"secret hygiene: {len(self.secrets)} secrets, {len(self.keys)} private keys, "
              f"{len(self.runs)} runs, {len(list(self.files()))} files searched in {elapsed:.1f} s")

    def wait_for_cached_list(self, profile, process):
        """Until the app has listed the profile's grants (its offline cache holds them)."""
        database = os.path.join(self.dirs["data"], "AccessDesk", "AccessDesk", "accessdesk.sqlite")
        started = time.time() * 1000

        def cached():
            try:
                with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=1) as db:
                    row = db.execute("SELECT max(fetched_at) FROM offline_cache WHERE profile = ?",
                                     (profile,)).fetchone()
                return row[0] is not None and row[0] >= started - 1000
            except sqlite3.Error:
                return False
        deadline = time.monotonic() + 30
        while not cached():
            self.assertIsNone(process.poll(), "the app ended")
            self.assertLess(time.monotonic(), deadline, "the app listed no grants")
            time.sleep(0.1)

    # --- what to look for ---------------------------------------------------------------------

    def read_captured(self):
        """What hygiene_app saw (the app's secrets, and every keychain dump), and what the server
        handed out that it keeps in the clear: OAuth 1.0a token secrets and the admin's session
        cookies (the keychain holds no cookie; the CLI keeps it in memory)."""
        with open(self.capture_file) as f:
            for number, line in enumerate(f):
                entry = json.loads(line)
                value = base64.b64decode(entry["value"])
                if value.startswith(b"-----BEGIN"):
                    self.keys[entry["label"]] = value
                else:
                    self.secrets[f"{entry['label']} #{number}"] = value
        with sqlite3.connect(os.path.join(self.private, "sim.sqlite"), timeout=10) as db:
            for token, secret, kind in db.execute("SELECT token, secret, kind FROM oauth1_tokens"):
                self.secrets[f"server's OAuth 1.0a {kind} token {token[:6]}"] = token.encode()
                self.secrets[f"server's OAuth 1.0a {kind} token secret {token[:6]}"] = secret.encode()
            for (cookie,) in db.execute("SELECT id FROM sessions WHERE user_name = 'admin'"):
                self.secrets[f"admin's session cookie {cookie[:6]}"] = cookie.encode()

    def assert_story_complete(self):
        """Every kind of secret was handled, by both programs (else the search proves little)."""
        labels = "\n".join(self.secrets)
        for kind in ("password", "personal-token", "oauth1-token-secret", "oauth2-access-token",
                     "oauth2-refresh-token", "oauth2-client-secret", "session cookie"):
            self.assertTrue(kind in labels, "not captured: " + kind)
        for who in ("cli-", "app-"):
            for kind in ("oauth1-token-secret", "oauth2-access-token", "oauth2-refresh-token",
                         "personal-token"):
                self.assertRegex(labels, f"{who}\\S+ {kind}", f"{who} {kind} not captured")
        for label in ("app new PAT", "app client secret", "app client secret after reset"):
            self.assertTrue(any(k.startswith(label + " #") for k in self.secrets), label)
        # The two consumers' keys, and the one the app generated into the file the user chose.
        self.assertEqual(len(self.keys), 3, list(self.keys))
        self.assertTrue(any(k.startswith("app generated private key") for k in self.keys), list(self.keys))
        for label in ("app new PAT copied to the clipboard",
                      "app client secret copied to the clipboard"):
            self.assertTrue(any(k.startswith(label + " #") for k in self.secrets), label)
        # Renewals happened: more than one OAuth 2.0 access token per profile.
        for who in ("cli-oauth2-", "app-oauth2-"):
            tokens = {v for k, v in self.secrets.items() if who in k and "oauth2-access-token" in k}
            self.assertGreaterEqual(len(tokens), 2, f"{who}: no renewal seen")

    def needles(self):
        """label -> set of byte strings that betray it."""
        found, seen = {}, set()
        for label, value in self.secrets.items():
            if value not in seen:  # the same value under another label: one report is enough
                seen.add(value)
                found[label] = encodings(value)
        for label, pem in self.keys.items():
            found[label] = key_material(pem)
        return found

    def assert_search_finds_what_it_should(self):
        """The search itself works: a password inside a Basic header, a token URL-encoded in a
        query, a key's exponent in hex, and each secret shown once on its stdout, are all found."""
        needles = self.needles()
        password = self.passwords["bob"].encode()
        header = b"Authorization: Basic " + base64.b64encode(b"bob:" + password)
        query = b"x=1&t=" + urllib.parse.quote(self.passwords["admin"], safe="").encode()
        self.assertTrue(any(n in header for n in needles["bob's password"]))
        self.assertTrue(any(n in query for n in needles["admin's password"]))
        key = serialization.load_pem_private_key(self.keys["cli consumer's private key"], None)
        exponent = key.private_numbers().d.to_bytes(256, "big").hex().encode()
        self.assertTrue(any(n in b"d=" + exponent for n in needles["cli consumer's private key"]))
        for run, label in self.allowed:
            self.assertTrue(any(n in run.stdout.encode() for n in needles[label]), label)

    # --- where to look ----------------------------------------------------------------------

    def files(self):
        for folder, _, names in os.walk(self.home):
            for name in names:
                path = os.path.join(folder, name)
                if os.path.isfile(path) and not os.path.islink(path):
                    yield path

    def checkpoint(self):
        """Every SQLite file's WAL moved into the database, as the next start would do; returns
        the rows of every table as text."""
        dumps = []
        for path in self.files():
            with open(path, "rb") as f:
                if f.read(16) != b"SQLite format 3\0":
                    continue
            db = sqlite3.connect(path)
            try:
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                dumps.append("\n".join(db.iterdump()))
            finally:
                db.close()
        self.assertTrue(dumps, "no SQLite database written")
        return "\n".join(dumps).encode()

    def assert_nothing_found(self, when, extra=None):
        needles = self.needles()
        places = dict(extra or {})
        for path in self.files():
            with open(path, "rb") as f:
                places[os.path.relpath(path, self.home)] = f.read()
        hits = []
        for place, data in places.items():
            for label, forms in needles.items():
                if any(form in data for form in forms):
                    hits.append(f"{label} in {place}")
        for run in self.runs:
            # The value a run shows by design, under whichever label (the keychain's too).
            allowed = {self.secrets[label] for shown, label in self.allowed if shown is run}
            for label, forms in needles.items():
                out, err = run.stdout.encode(), run.stderr.encode()
                shown = self.secrets.get(label) in allowed
                if not shown and any(form in out for form in forms):
                    hits.append(f"{label} on stdout of {run.what}")
                if any(form in err for form in forms):
                    hits.append(f"{label} on stderr of {run.what}")
        if hits:
            self.fail(f"secrets found {when}:\n  " + "\n  ".join(sorted(set(hits))))


if __name__ == "__main__":
    unittest.main()
