"""Application links, continued (spec 3.4 (16)–(30)): status and OAuth levels, the manifest, and
the admin UI's helpers (listApplicationlinks, the create wizard, relocate, permission codes)."""
import unittest
import xml.etree.ElementTree as ET

import requests

from applinkcases import (BAMBOO, BITBUCKET, CONFLUENCE, NO_CHECK, OAUTH, RADAR, SEEDED, TWO_LO, AppLinksTestCase,
                          StoredAppLinksTestCase, java_name_uuid)

OFF = {"enabled": False, "twoLoEnabled": False, "twoLoImpersonationEnabled": False}
THREE_LO = {"enabled": True, "twoLoEnabled": False, "twoLoImpersonationEnabled": False}
DEFAULT = {"enabled": True, "twoLoEnabled": True, "twoLoImpersonationEnabled": False}
IMPERSONATION = {"enabled": True, "twoLoEnabled": True, "twoLoImpersonationEnabled": True}


class Status(AppLinksTestCase):
    def test_seeded_atlassian_links_are_unreachable_hosts(self):
        reply = self.admin().get(self.rest("3.0", "status/" + CONFLUENCE))
        self.assertEqual(reply.status_code, 200)
        status = reply.json()
        self.assertEqual(status["link"], {"id": CONFLUENCE, "name": "Confluence", "type": "confluence",
                                          "displayUrl": "http://wiki.example.test",
                                          "rpcUrl": "http://wiki.example.test"})
        self.assertFalse(status["working"])
        self.assertEqual(status["error"], {"category": "NETWORK_ERROR", "type": "UNKNOWN_HOST",
                                           "details": "wiki.example.test"})
        self.assertEqual(status["localAuthentication"], {"incoming": DEFAULT, "outgoing": DEFAULT})
        self.assertNotIn("remoteAuthentication", status)

    def test_a_generic_link_is_not_atlassian(self):
        status = self.admin().get(self.rest("3.0", "status/" + RADAR)).json()
        self.assertFalse(status["working"])
        self.assertEqual(status["error"], {"category": "NON_ATLASSIAN", "type": "GENERIC_LINK"})
        self.assertEqual(status["localAuthentication"], {"incoming": THREE_LO, "outgoing": OFF})

    def test_status_errors(self):
        admin = self.admin()
        body = self.assertE4(admin.get(self.rest("3.0", "status/" + BAMBOO),
                                       params={"authorisationCallback": "/relative"}), 400)
        self.assertEqual(body["errors"][0]["summary"], "authorisationCallback must be absolute")
        self.assertEqual(admin.get(self.rest("3.0", "status/" + BAMBOO),
                                   params={"authorisationCallback": "http://client.example.test/done"}).status_code,
                         200)
        self.assertE4(admin.get(self.rest("3.0", "status/00000000-0000-3000-8000-000000000000")), 404)
        self.assertE4(admin.get(self.rest("3.0", "status/x")), 400)

    def test_oauth_levels_are_readable_anonymously(self):
        anonymous = self.session()
        self.assertEqual(anonymous.get(self.rest("3.0", f"status/{BAMBOO}/oauth")).json(),
                         {"incoming": DEFAULT, "outgoing": DEFAULT})
        self.assertEqual(anonymous.get(self.rest("3.0", f"status/{BITBUCKET}/oauth")).json(),
                         {"incoming": OFF, "outgoing": OFF})
        self.assertE4(anonymous.get(self.rest("3.0", "status/00000000-0000-3000-8000-000000000000/oauth")), 404)


class OAuthLevels(StoredAppLinksTestCase):
    def put_levels(self, link_id, incoming, outgoing, user="admin"):
        return self.session(user).put(self.rest("3.0", f"status/{link_id}/oauth"),
                                      json={"incoming": incoming, "outgoing": outgoing})

    def levels(self, link_id):
        return self.session().get(self.rest("3.0", f"status/{link_id}/oauth")).json()

    def test_incoming_oauth_needs_the_remotes_consumer_information(self):
        self.assertE4(self.put_levels(BITBUCKET, DEFAULT, OFF), 409)
        self.assertEqual(self.levels(BITBUCKET), {"incoming": OFF, "outgoing": OFF})
        # Outgoing OAuth is configured locally and registers the providers.
        reply = self.put_levels(BITBUCKET, OFF, DEFAULT)
        self.assertEqual((reply.status_code, reply.content), (204, b""))
        self.assertEqual(self.levels(BITBUCKET), {"incoming": OFF, "outgoing": DEFAULT})
        listed = {entry["application"]["id"]: entry
                  for entry in self.admin().get(self.rest("1.0", "listApplicationlinks")).json()["list"]}
        self.assertEqual(sorted(listed[BITBUCKET]["configuredOutboundAuthenticators"]), sorted([OAUTH, TWO_LO]))

    def test_turning_incoming_off_removes_the_consumer_and_its_tokens(self):
        self.assertEqual(self.count("SELECT COUNT(*) FROM oauth1_tokens WHERE consumer_key = ?",
                                    "bamboo:" + BAMBOO), 1)
        self.assertEqual(self.put_levels(BAMBOO, OFF, DEFAULT).status_code, 204)
        self.assertEqual(self.levels(BAMBOO)["incoming"], OFF)
        self.assertEqual(self.count("SELECT COUNT(*) FROM oauth1_tokens WHERE consumer_key = ?",
                                    "bamboo:" + BAMBOO), 0)

    def test_changing_the_two_legged_levels_of_an_existing_consumer(self):
        self.assertEqual(self.put_levels(CONFLUENCE, IMPERSONATION, DEFAULT).status_code, 204)
        self.assertEqual(self.levels(CONFLUENCE), {"incoming": IMPERSONATION, "outgoing": DEFAULT})

    def test_refusals(self):
        self.assertE4(self.put_levels(RADAR, {"enabled": False, "twoLoEnabled": True}, OFF), 400)
        self.assertE4(self.put_levels(RADAR, THREE_LO, OFF, user="alice"), 403)
        self.assertE4(self.put_levels(RADAR, THREE_LO, OFF, user=None), 401)
        self.assertE4(self.put_levels("00000000-0000-3000-8000-000000000000", OFF, OFF), 404)
        malformed = self.admin().put(self.rest("3.0", f"status/{RADAR}/oauth"), json={"incoming": True})
        self.assertE2(malformed, 500)

    def test_a_link_to_this_instance_itself_can_work(self):
        self_link = self.create_v2(typeId="jira", name="Myself", rpcUrl=self.url)
        self.assertEqual(self_link, java_name_uuid(self.url))  # no id given: derived from the URL
        status = self.admin().get(self.rest("3.0", "status/" + self_link)).json()
        self.assertEqual((status["working"], status["error"]["type"]), (False, "DISABLED"))
        self.assertEqual(self.put_levels(self_link, DEFAULT, DEFAULT).status_code, 204)
        status = self.admin().get(self.rest("3.0", "status/" + self_link)).json()
        self.assertTrue(status["working"], status)
        self.assertNotIn("error", status)
        self.assertEqual(status["remoteAuthentication"], status["localAuthentication"])
        self.assertEqual(status["localAuthentication"], {"incoming": DEFAULT, "outgoing": DEFAULT})


class Manifest(AppLinksTestCase):
    def test_manifest_is_anonymous_json_or_xml(self):
        reply = self.session().get(self.rest("1.0", "manifest"))
        self.assertEqual(reply.status_code, 200)
        manifest = reply.json()
        self.assertEqual((manifest["id"], manifest["typeId"], manifest["version"], manifest["buildNumber"],
                          manifest["url"], manifest["applinksVersion"], manifest["publicSignup"]),
                         (java_name_uuid(self.url), "jira", "9.12.7", 9012007, self.url, "9.1.4", False))
        self.assertEqual(manifest["inboundAuthenticationTypes"][0], "placeholder.to.ensure.backwards.compatibility")
        self.assertIn(OAUTH, manifest["outboundAuthenticationTypes"])
        xml = requests.get(self.rest("1.0", "manifest"))
        root = ET.fromstring(xml.content)
        self.assertEqual((root.tag, root.findtext("typeId"), root.findtext("id")), ("manifest", "jira", manifest["id"]))
        suffixed = requests.get(self.rest("1.0", "manifest.json"))
        self.assertEqual(suffixed.json()["id"], manifest["id"])

    def test_linked_applications_may_read_it_cross_origin(self):
        reply = requests.get(self.rest("1.0", "manifest.json"), headers={"Origin": "http://wiki.example.test"})
        self.assertEqual(reply.headers.get("Access-Control-Allow-Origin"), "http://wiki.example.test")
        stranger = requests.get(self.rest("1.0", "manifest.json"), headers={"Origin": "http://evil.example.test"})
        self.assertNotIn("Access-Control-Allow-Origin", stranger.headers)


class AdminUi(AppLinksTestCase):
    def test_list_with_authenticators(self):
        reply = self.admin().get(self.rest("1.0", "listApplicationlinks"))
        self.assertEqual(reply.status_code, 200)
        entries = {entry["application"]["id"]: entry for entry in reply.json()["list"]}
        self.assertLessEqual(set(SEEDED), set(entries))
        bamboo = entries[BAMBOO]
        self.assertEqual(bamboo["configuredOutboundAuthenticators"], [OAUTH])
        self.assertEqual(bamboo["configuredInboundAuthenticators"], [OAUTH, TWO_LO])
        self.assertEqual((bamboo["isSystem"], bamboo["entityTypeIdStrings"]), (False, ["bamboo.project"]))
        self.assertEqual(entries[BITBUCKET]["configuredInboundAuthenticators"], [])
        self.assertEqual(entries[RADAR]["application"]["link"][0]["href"],
                         self.rest("1.0", "applicationlink/" + RADAR))

    def probe(self, url, headers=NO_CHECK):
        return self.admin().get(self.rest("1.0", "applicationlinkForm/manifest"), params={"url": url},
                                headers=headers)

    def test_probing_a_url_before_creating_a_link(self):
        # The resource is @RequiresXsrfCheck, even for GET.
        refused = self.probe("http://jira.example.test", headers={})
        self.assertEqual((refused.status_code, refused.text), (403, "XSRF check failed"))
        remote = self.probe("http://jira.example.test/")
        self.assertEqual(remote.status_code, 200)
        self.assertEqual((remote.json()["typeId"], remote.json()["id"], remote.json()["url"]),
                         ("jira", java_name_uuid("http://jira.example.test"), "http://jira.example.test"))
        self.assertEqual(self.probe("http://bamboo2.example.test").json()["typeId"], "bamboo")
        self.assertEqual(self.probe("http://tools.example.test").json(), {})  # not an Atlassian application
        unknown = self.probe("http://nowhere.invalid").json()
        self.assertEqual(unknown["code"], "applinks.warning.unknown.host")
        self.assertTrue(unknown["warning"])

    def test_probing_refuses_existing_links_this_instance_and_bad_urls(self):
        self.assertE3(self.probe("http://wiki.example.test"), 409)
        self.assertE3(self.probe(self.url), 409)
        self.assertE3(self.probe("not a url"), 400)
        self.assertE3(self.probe(""), 400)
        self.assertE2(self.session("alice").get(self.rest("1.0", "applicationlinkForm/manifest"),
                                                params={"url": "http://jira.example.test"}, headers=NO_CHECK), 401)

    def create(self, application, **options):
        return self.admin().post(self.rest("1.0", "applicationlinkForm/createAppLink"),
                                 json=dict({"applicationLink": application}, **options))

    def test_create_wizard_one_way_and_two_way(self):
        one_way = self.create({"typeId": "generic", "name": "Wizard Tool", "rpcUrl": "http://wizard.example.test",
                               "displayUrl": "http://wizard.example.test"})
        self.assertEqual(one_way.status_code, 200, one_way.text)
        self.assertTrue(one_way.json()["autoConfigurationSuccessful"])
        self.assertEqual(one_way.json()["applicationLink"]["id"], java_name_uuid("http://wizard.example.test"))
        # The remote end of a two-way link is never really reached: the link exists, OAuth is not set up.
        two_way = self.create({"typeId": "confluence", "name": "Team Wiki", "rpcUrl": "http://teamwiki.example.test",
                               "displayUrl": "http://teamwiki.example.test"},
                              createTwoWayLink=True, username="remote-admin", password="secret",
                              configFormValues={"trustEachOther": False, "shareUserbase": False})
        self.assertEqual(two_way.status_code, 200, two_way.text)
        created = two_way.json()
        self.assertFalse(created["autoConfigurationSuccessful"])
        self.assertEqual((created["applicationLink"]["typeId"], created["applicationLink"]["isPrimary"]),
                         ("confluence", False))
        self.assertEqual(self.v3_link(created["applicationLink"]["id"])["name"], "Team Wiki")

    def test_create_wizard_refusals(self):
        good = {"typeId": "generic", "name": "Refused", "rpcUrl": "http://refused.example.test",
                "displayUrl": "http://refused.example.test"}
        self.assertE3(self.create(dict(good, name=" ")), 400, ["application-name"])
        self.assertE3(self.create(dict(good, typeId="nonsense")), 400, ["application-types"])
        self.assertE3(self.create(dict(good, rpcUrl="http://radar.example.test")), 400)
        self.assertE2(self.create(dict(good, rpcUrl="http://far.away.invalid"), createTwoWayLink=True), 500)
        self.assertE2(self.create(dict(good, typeId="bamboo", rpcUrl="http://plain.example.test")), 500)

    def relocate(self, link_id, new_url, user="admin", **params):
        return self.session(user).post(self.rest("1.0", "relocateApplicationlink/" + link_id),
                                       params=dict({"newUrl": new_url}, **params), headers=NO_CHECK)

    def test_relocating_a_link(self):
        link_id = self.create_v2(id="9b526374-8e9f-3a01-b2c3-d4e5f6071829", typeId="bamboo", name="Old CI",
                                 rpcUrl="http://old-bamboo.example.test")
        moved = self.relocate(link_id, "http://new-bamboo.example.test/")
        self.assertEqual((moved.status_code, moved.content), (204, b""))
        link = self.v3_link(link_id)
        self.assertEqual((link["rpcUrl"], link["displayUrl"]),
                         ("http://new-bamboo.example.test/", "http://new-bamboo.example.test"))
        # An unreachable URL wants confirmation, and then both URLs take it.
        warned = self.relocate(link_id, "http://far.away.invalid")
        self.assertEqual((warned.status_code, warned.content), (409, b""))
        self.assertEqual(self.relocate(link_id, "http://far.away.invalid", nowarning="true").status_code, 204)
        link = self.v3_link(link_id)
        self.assertEqual((link["rpcUrl"], link["displayUrl"]), ("http://far.away.invalid", "http://far.away.invalid"))
        # The application found at the new URL must be of the link's type.
        self.assertEqual(self.relocate(link_id, "http://wiki3.example.test").status_code, 400)

    def test_relocate_refusals(self):
        self.assertE3(self.relocate(BAMBOO, "not a url"), 400)
        self.assertE2(self.relocate("00000000-0000-3000-8000-000000000000", "http://x.example.test"), 404)
        self.assertE2(self.relocate(BAMBOO, "http://x.example.test", user="alice"), 401)

    def permission(self, operation, link_id, user="admin"):
        reply = self.session(user).get(self.rest("1.0", f"permission/{operation}/{link_id}"))
        self.assertEqual(reply.status_code, 200, reply.text)
        return reply.json()

    def test_permission_codes(self):
        self.assertEqual(self.permission("delete-application", BAMBOO), {"code": "ALLOWED"})
        self.assertEqual(self.permission("delete-application", BAMBOO, "alice"), {"code": "NO_PERMISSION"})
        self.assertEqual(self.permission("delete-application", BAMBOO, None), {"code": "NO_AUTHENTICATION"})
        self.assertEqual(self.permission("delete-application", "00000000-0000-3000-8000-000000000000"),
                         {"code": "MISSING"})
        remote = self.permission("reciprocate-application-delete", BAMBOO)
        self.assertEqual(remote["code"], "CREDENTIALS_REQUIRED")
        self.assertTrue(remote["url"].startswith(self.url + "/plugins/servlet/applinks/oauth/login-dance/"))
        self.assertEqual(self.permission("reciprocate-application-delete", BITBUCKET),
                         {"code": "NO_AUTHENTICATION_CONFIGURED"})
        self.assertE2(self.admin().get(self.rest("1.0", "permission/no-such-operation/" + BAMBOO)), 404)


if __name__ == "__main__":
    unittest.main()
