"""The product's story end to end, every AccessDesk step through accessdesk-cli (issue 8, "Proof").

An admin generates a key pair, creates a generic application link and approves its consumer;
Debian's python3-requests-oauthlib, a consumer nobody here wrote, then uses that consumer key and
private key for the whole OAuth 1.0a dance as alice and reads the private issue SEC-1; alice finds
the grant with `tokens list` and revokes it with `tokens revoke`; the same signed requests then see
only public data. What the server holds is checked with plain requests.
"""
import uuid

from clitest import OK, CliTestCase
from oauth1help import allowed_access, consumer_url

CALLBACK = "http://127.0.0.1:8765/oauth/callback"
JSON = {"Accept": "application/json"}


class SeedStory(CliTestCase):
    def admin(self, *args, **kwargs):
        return self.as_user("admin", *args, **kwargs)

    def test_link_approve_dance_revoke_public_only(self):
        # 1. The admin's side, all through the CLI.
        private_path = self.home + "/story-consumer.pem"
        keygen = self.cli("consumers", "keygen", "--out", private_path)
        self.assertExit(keygen, OK)
        public_path = self.home + "/story-consumer.pub"
        with open(public_path, "w") as f:
            f.write(keygen.stdout)
        name = "Story tool " + uuid.uuid4().hex[:6]
        # Nothing answers at the tool's address: a generic link is made only when asked for.
        created = self.ok_json(self.admin("links", "create", f"http://{uuid.uuid4().hex[:10]}.example.test",
                                          "--type", "generic", "--name", name, "--format", "json"))
        self.assertEqual(created["type"], "generic")
        self.assertEqual(created["name"], name)
        key = "story-" + uuid.uuid4().hex[:8]
        approved = self.admin("consumers", "approve", created["id"], "--key", key, "--name", name,
                              "--public-key", public_path, "--callback", CALLBACK,
                              "--description", "Reads issues. https://story.example.test")
        self.assertExit(approved, OK)
        held = self.rest("admin").get(consumer_url(self.url, created["id"])).json()["consumers"][0]
        self.assertEqual(held["key"], key)

        # 2. The consumer: requests-oauthlib with the key pair AccessDesk made.
        with open(private_path) as f:
            private_pem = f.read()
        signed, shown = allowed_access(self.url, key, private_pem, "alice", CALLBACK)
        self.assertEqual(shown, name)
        consumer = self.rest("alice")
        private = consumer.get(self.url + "/rest/api/2/issue/SEC-1", auth=signed, headers=JSON)
        self.assertEqual(private.status_code, 200, private.text)

        # 3. Alice sees the application among her grants and revokes it.
        grants = self.ok_json(self.alice("tokens", "list", "--format", "json"))
        mine = [g for g in grants if g["kind"] == "oauth1" and g["application"] == name]
        self.assertEqual(len(mine), 1, grants)
        revoked = self.alice("tokens", "revoke", mine[0]["id"], "--yes", "--format", "json")
        self.assertExit(revoked, OK)
        self.assertEqual(self.ok_json(revoked)[0]["revoked"], True)
        still = self.ok_json(self.alice("tokens", "list", "--format", "json"))
        self.assertFalse([g for g in still if g["application"] == name], still)

        # 4. The consumer is back to public data only.
        after = consumer.get(self.url + "/rest/api/2/issue/SEC-1", auth=signed, headers=JSON)
        self.assertNotEqual(after.status_code, 200, after.text)
        public = consumer.get(self.url + "/rest/api/2/issue/PUB-1", auth=signed, headers=JSON)
        self.assertEqual(public.status_code, 200, public.text)

        # Every change is on record, and the private key is nowhere AccessDesk wrote.
        actions = {(e["action"], e["outcome"]) for e in self.ok_json(self.cli("activity", "list", "--format", "json"))}
        self.assertIn(("create-applink", "succeeded"), actions)
        self.assertIn(("approve-consumer", "succeeded"), actions)
        self.assertSecretNowhere(private_pem.splitlines()[1], runs=[keygen, approved, revoked])
