"""The activity log: one true entry per change, outcomes and errors, CSV export, and a CLI killed
mid-way through a bulk revoke that still leaves a true record."""
import csv
import datetime
import glob
import io
import os
import signal
import sqlite3
import time
import unittest

from clitest import OK, PARTIAL, PASSWORD_VAR, CliTestCase, unique

ENTRY_KEYS = {"time", "profile", "server", "user", "action", "target", "outcome", "error"}


class ActivityLog(CliTestCase):
    SIM_PER_TEST = True

    def activity(self):
        return self.ok_json(self.cli("activity", "list", "--format", "json"))

    def entry_for(self, entries, grant_id):
        found = [e for e in entries if grant_id in e["target"]]
        self.assertEqual(len(found), 1, f"one entry for {grant_id} expected: {entries}")
        return found[0]

    def test_each_revoke_is_logged_with_its_outcome_and_error(self):
        self.assertEqual(self.activity(), [])
        grants = {g["application"]: g for g in
                  self.ok_json(self.alice("tokens", "list", "--format", "json"))}
        ok_ids = [grants["Bamboo"]["id"], grants["ci-pipeline"]["id"]]
        failing = grants["Deploy Dashboard"]["id"]
        self.sim.add_fault(method="POST", path="/rest/oauth2/latest/revoke/*", status=500,
                           contentType="application/json",
                           body='{"errorMessages":["Revocation store unavailable"],"errors":{}}')
        run = self.alice("tokens", "revoke", ok_ids[0], failing, ok_ids[1], "--yes")
        self.assertExit(run, PARTIAL)

        entries = self.activity()
        self.assertEqual(len(entries), 3, entries)
        for entry in entries:
            self.assertEqual(set(entry), ENTRY_KEYS, entry)
            self.assertTrue(entry["time"].endswith("Z"), entry)
            datetime.datetime.fromisoformat(entry["time"][:-1])
            self.assertEqual(entry["user"], "alice")
            self.assertEqual(entry["server"].rstrip("/"), self.url)
        for grant_id in ok_ids:
            entry = self.entry_for(entries, grant_id)
            self.assertEqual(entry["outcome"], "succeeded")
            self.assertEqual(entry["error"], "")
        failed = self.entry_for(entries, failing)
        self.assertEqual(failed["outcome"], "failed")
        self.assertIn("Revocation store unavailable", failed["error"])

        # The log is kept across runs and grows with the next change.
        self.assertExit(self.alice("pat", "revoke", grants["laptop-cli"]["id"].split(":")[1], "--yes"), OK)
        self.assertEqual(len(self.activity()), 4)

    def test_export_is_csv_with_a_header(self):
        token = self.create_pat("alice")
        self.assertExit(self.alice("pat", "revoke", token["id"], "--yes"), OK)
        self.assertExit(self.alice("pat", "create", "from-the-cli"), OK)
        entries = self.activity()
        self.assertEqual(len(entries), 2)

        for args in (("activity", "export"), ("activity", "list", "--format", "csv")):
            with self.subTest(args=args):
                run = self.cli(*args)
                self.assertExit(run, OK)
                rows = list(csv.reader(io.StringIO(run.stdout)))
                header = [c.lower() for c in rows[0]]
                for column in ("time", "user", "action", "target", "outcome", "error"):
                    self.assertIn(column, header)
                self.assertEqual(len(rows), 1 + len(entries))
                targets = [row[header.index("target")] for row in rows[1:]]
                self.assertEqual(targets, [e["target"] for e in entries])
                self.assertTrue(any(str(token["id"]) in t for t in targets), targets)

    def test_table_has_a_header(self):
        self.assertExit(self.alice("pat", "revoke", self.create_pat("alice")["id"], "--yes"), OK)
        run = self.cli("activity", "list")
        self.assertExit(run, OK)
        lines = run.stdout.splitlines()
        self.assertEqual(len(lines), 2)
        self.assertIn("outcome", lines[0].lower())

    def test_list_can_be_limited_to_one_profile(self):
        name = unique("team")
        self.assertExit(self.cli("profiles", "add", name, "--server", self.url, "--user", "alice"), OK)
        via_profile, direct = self.create_pat("alice"), self.create_pat("alice")
        self.assertExit(self.cli("--profile", name, "--password-env", PASSWORD_VAR, "pat", "revoke",
                                 via_profile["id"], "--yes", env={PASSWORD_VAR: "alice"}), OK)
        self.assertExit(self.alice("pat", "revoke", direct["id"], "--yes"), OK)
        self.assertEqual(len(self.activity()), 2)
        mine = self.ok_json(self.cli("--profile", name, "activity", "list", "--format", "json"))
        self.assertEqual(len(mine), 1, mine)
        self.assertEqual(mine[0]["profile"], name)
        self.assertIn(str(via_profile["id"]), mine[0]["target"])

    # --- a crash mid-way ---

    def database(self):
        paths = glob.glob(os.path.join(self.data_home, "**", "*.sqlite"), recursive=True)
        return paths[0] if paths else None

    def log_rows(self):
        """The activity_log rows, read directly (the CLI's own reader would mark stale rows)."""
        path = self.database()
        if not path:
            return []
        try:
            connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
        except sqlite3.Error:
            return []
        try:
            return connection.execute("SELECT target, outcome FROM activity_log ORDER BY id").fetchall()
        except sqlite3.Error:  # not created yet, or busy: look again
            return []
        finally:
            connection.close()

    def wait_until(self, condition, what, seconds=60):
        """Polls for a state (bounded): the CLI runs in another process."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if condition():
                return
            time.sleep(0.05)
        self.fail(f"timed out waiting for {what}")

    def test_killed_mid_way_through_a_bulk_revoke_leaves_a_true_log(self):
        a, b, c = (self.create_pat("alice") for _ in range(3))
        ids = [f"pat:{t['id']}" for t in (a, b, c)]
        # The second revocation hangs on the server long enough to kill the CLI while it waits.
        self.sim.add_fault(method="DELETE", path=f"/rest/pat/latest/tokens/{b['id']}", action="latency",
                           delayMs=20000)
        process = self.start_cli("--server", self.url, "--user", "alice", "--password-env", "ACCESSDESK_TEST_PW",
                                 "tokens", "revoke", *ids, "--yes", env={"ACCESSDESK_TEST_PW": "alice"})
        try:
            self.wait_until(lambda: any(ids[1] in target and outcome == "pending"
                                        for target, outcome in self.log_rows()),
                            "the second revocation to be under way")
            self.assertNotIn(a["id"], self.pat_ids("alice"), "the first grant was revoked before the second")
        finally:
            process.send_signal(signal.SIGKILL)
            process.communicate()
        self.assertEqual(process.returncode, -signal.SIGKILL)

        entries = self.activity()  # this run marks the dead run's pending rows interrupted
        # A revoke is recorded as done only once the list fetched afterwards no longer has it; the
        # run died before that check, so even the first one (answered, in fact gone) is not
        # claimed as done.
        self.assertEqual(self.entry_for(entries, ids[0])["outcome"], "interrupted")
        self.assertEqual(self.entry_for(entries, ids[1])["outcome"], "interrupted")
        self.assertFalse([e for e in entries if ids[2] in e["target"]],
                         "the third grant was never attempted, so it has no entry")
        self.assertIn(c["id"], self.pat_ids("alice"))
        self.assertEqual(len(entries), 2)
        # Interrupted stays interrupted: a later run does not turn it into anything else.
        self.assertEqual(self.entry_for(self.activity(), ids[1])["outcome"], "interrupted")
        export = self.cli("activity", "export")
        self.assertExit(export, OK)
        self.assertIn("interrupted", export.stdout)


if __name__ == "__main__":
    unittest.main()
