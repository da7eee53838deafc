"""Server text reaches the terminal as text, and what the CLI writes stays the user's (issue 9):
names and messages with control characters (ESC sequences that recolour, clear or retitle a
terminal) are printed with those characters escaped, in tables, CSV and error messages; JSON keeps
the exact text. The profiles file and the SQLite activity log with its WAL files are 0600 in 0700
folders, also under a permissive umask."""
import http.server
import json
import os
import stat
import threading

from clitest import OK, CliTestCase, unique

ESC = "\x1b"
# Red text, a window title, a clear screen and a C1 CSI: each would act on a terminal.
EVIL = "evil" + ESC + "[31mRED" + ESC + "]0;pwned\x07" + "\x9b2J" + "\ttab"
CONTROLS = [chr(c) for c in range(0x20) if c not in (0x0a, 0x0d)] + ["\x7f"] + [chr(c) for c in range(0x80, 0xa0)]


def assert_no_controls(case, text, allowed=("\n",)):
    for char in CONTROLS:
        if char in allowed:
            continue
        case.assertNotIn(char, text, f"control character U+{ord(char):04X} printed raw in {text!r}")


class ServerTextOnTheTerminal(CliTestCase):
    SIM_PER_TEST = True

    def make_pat(self, name):
        reply = self.rest("alice").post(self.url + "/rest/pat/latest/tokens",
                                        json={"name": name, "expirationDuration": 30})
        self.assertIn(reply.status_code, (200, 201), reply.text)
        return reply.json()

    def test_a_token_name_with_escape_sequences_prints_escaped_in_a_table(self):
        self.make_pat(EVIL)
        for command in (("pat", "list"), ("tokens", "list")):
            run = self.alice(*command)
            self.assertExit(run, OK)
            assert_no_controls(self, run.stdout)
            self.assertIn("evil\\x1b[31mRED\\x1b]0;pwned\\x07\\x9b2J\\x09tab", run.stdout, run)
            # One line per row: nothing in a name breaks the table.
            lines = [line for line in run.stdout.splitlines() if "evil" in line]
            self.assertEqual(len(lines), 1, run)
            self.assertIn("RED", lines[0])

    def test_the_admins_token_search_prints_them_escaped(self):
        self.make_pat(EVIL)
        for fmt in ("table", "csv"):
            run = self.as_user("admin", "admin-pats", "search", "--owner", "alice", "--format", fmt)
            self.assertExit(run, OK)
            assert_no_controls(self, run.stdout, allowed=("\n", "\r"))
            self.assertIn("evil\\x1b[31mRED", run.stdout, run)

    def test_csv_escapes_them_and_json_keeps_the_exact_name(self):
        self.make_pat(EVIL)
        csv_run = self.alice("pat", "list", "--format", "csv")
        self.assertExit(csv_run, OK)
        assert_no_controls(self, csv_run.stdout, allowed=("\n", "\r"))
        self.assertIn("evil\\x1b[31mRED", csv_run.stdout)
        names = [t["name"] for t in self.ok_json(self.alice("pat", "list", "--format", "json"))]
        self.assertIn(EVIL, names)  # JSON escapes control characters itself (\u001b)


class ErrorBody(http.server.BaseHTTPRequestHandler):
    """A server that refuses everything with Jira's error shape, its messages full of escapes."""

    def answer(self):
        body = json.dumps({"errorMessages": ["refused " + ESC + "[2J" + ESC + "]0;owned\x07 now"],
                           "errors": {}}).encode()
        self.send_response(400)
        self.send_header("Content-Type", "application/json;charset=UTF-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_DELETE = answer

    def log_message(self, *args):
        pass


class ServerErrorsOnTheTerminal(CliTestCase):
    SIM_ARGS = None  # this server is the small one below

    def test_an_error_message_from_the_server_prints_escaped(self):
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), ErrorBody)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        url = f"http://127.0.0.1:{server.server_address[1]}"
        run = self.as_user("alice", "pat", "list", url=url)
        self.assertNotEqual(run.code, OK, run)
        assert_no_controls(self, run.stderr)
        self.assertIn("\\x1b[2J", run.stderr, run)


class FilesAreTheUsers(CliTestCase):
    def setUp(self):
        super().setUp()
        self.old_umask = os.umask(0)  # the CLI inherits it: 0600/0700 must not come from here
        self.addCleanup(os.umask, self.old_umask)

    def test_profiles_file_and_database_are_owner_only(self):
        name = unique("hygiene")
        self.assertExit(self.cli("profiles", "add", name, "--server", self.url, "--auth", "basic",
                                 "--user", "alice"), OK)
        self.assertExit(self.alice("pat", "create", unique("mode-check")), OK)
        files = list(self.files_under())
        names = [os.path.basename(p) for p in files]
        self.assertIn("profiles.ini", names, files)
        self.assertIn("accessdesk.sqlite", names, files)
        for path in files:
            if path.endswith(".lock"):
                continue  # QSettings' lock file holds a process id, in the 0700 folder
            mode = stat.S_IMODE(os.stat(path).st_mode)
            self.assertEqual(mode, 0o600, f"{path} is {oct(mode)}")
            folder = os.path.dirname(path)
            mode = stat.S_IMODE(os.stat(folder).st_mode)
            self.assertEqual(mode, 0o700, f"{folder} is {oct(mode)}")
