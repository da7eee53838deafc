"""Application links over plain HTTP (spec 3.3/3.4 (1)–(15)): the v1/v2 entities and rules, v3,
who may call what, websudo, and what deleting a link takes with it."""
import contextlib
import sqlite3
import unittest
import xml.etree.ElementTree as ET

import requests

from applinkcases import (BAMBOO, BITBUCKET, CONFLUENCE, DEPLOY_DASHBOARD, OAUTH, RADAR, SEEDED,
                          AppLinksTestCase, StoredAppLinksTestCase, java_name_uuid)


class ReadingLinks(AppLinksTestCase):
    def test_v1_list_has_the_seeded_links_in_the_v1_shape(self):
        reply = self.admin().get(self.rest("1.0", "applicationlink"))
        self.assertEqual(reply.status_code, 200)
        links = reply.json()["applicationLinks"]
        self.assertEqual([link["id"] for link in links], SEEDED)
        confluence = links[1]
        self.assertEqual(confluence["link"], [{"href": self.rest("1.0", "applicationlink/" + CONFLUENCE),
                                               "rel": "self"}])
        self.assertEqual((confluence["typeId"], confluence["name"], confluence["displayUrl"],
                          confluence["rpcUrl"], confluence["isPrimary"], confluence["isSystem"]),
                         ("confluence", "Confluence", "http://wiki.example.test", "http://wiki.example.test",
                          True, False))
        self.assertTrue(confluence["iconUrl"].endswith("16confluence.png"))

    def test_v1_answers_xml_unless_json_is_asked_for(self):
        reply = requests.get(self.rest("1.0", "applicationlink"), auth=("admin", "admin"))
        self.assertEqual(reply.status_code, 200)
        self.assertTrue(reply.headers["Content-Type"].startswith("application/xml"))
        root = ET.fromstring(reply.content)
        self.assertEqual(root.tag, "applicationLinks")
        entities = root.findall("applicationLinks")
        self.assertEqual([e.findtext("id") for e in entities], SEEDED)
        self.assertEqual(entities[0].find("link").get("href"), self.rest("1.0", "applicationlink/" + BAMBOO))
        self.assertEqual(entities[0].findtext("isPrimary"), "true")

    def test_v2_and_latest_serve_the_v1_methods_with_their_own_self_links(self):
        for version in ("2.0", "latest"):
            entity = self.admin().get(self.rest(version, "applicationlink/" + RADAR)).json()
            self.assertEqual(entity["link"][0]["href"], self.rest(version, "applicationlink/" + RADAR))

    def test_links_by_type_and_the_primary_of_a_type(self):
        admin = self.admin()
        by_type = admin.get(self.rest("1.0", "applicationlink/type/stash")).json()["applicationLinks"]
        self.assertEqual([link["name"] for link in by_type], ["Bitbucket"])
        self.assertEqual(admin.get(self.rest("1.0", "applicationlink/primary/confluence")).json()["id"],
                         CONFLUENCE)
        body = self.assertE3(admin.get(self.rest("1.0", "applicationlink/type/nonsense")), 400)
        self.assertEqual(body["message"], ["No type with id nonsense installed"])
        self.assertE2(admin.get(self.rest("1.0", "applicationlink/primary/jira")), 404)

    def test_v1_get_of_an_unknown_or_malformed_id_fails_like_9_1_4(self):
        # 9.1.4 dereferences the missing link (spec 3.4 (3)); clients should use v3 instead.
        self.assertE2(self.admin().get(self.rest("1.0", "applicationlink/" + DEPLOY_DASHBOARD)), 500)
        body = self.assertE2(self.admin().get(self.rest("1.0", "applicationlink/not-a-uuid")), 500)
        self.assertIn("not-a-uuid", body["message"])

    def test_v3_list_is_a_plain_array_with_oauth2_clients_last(self):
        reply = self.admin().get(self.rest("3.0", "applinks"))
        self.assertEqual(reply.status_code, 200)
        links = reply.json()
        self.assertIsInstance(links, list)
        self.assertEqual([link["id"] for link in links], SEEDED + [DEPLOY_DASHBOARD])
        self.assertEqual(links[1], {"id": CONFLUENCE, "name": "Confluence", "displayUrl": "http://wiki.example.test",
                                    "rpcUrl": "http://wiki.example.test", "type": "confluence",
                                    "system": False, "primary": True, "properties": {}, "data": {}})
        # The client's first redirect is http://127.0.0.1:8765/callback: scheme and host only.
        dashboard = links[-1]
        self.assertEqual((dashboard["name"], dashboard["type"], dashboard["displayUrl"], dashboard["rpcUrl"],
                          dashboard["primary"]), ("Deploy Dashboard", "generic", "http://127.0.0.1",
                                                  "http://127.0.0.1", False))

    def test_v3_answers_the_requested_data_and_property_keys(self):
        reply = self.admin().get(self.rest("3.0", "applinks"), params=[
            ("data", "configUrl"), ("data", "atlassian"), ("data", "editable"), ("data", "no-such-key"),
            ("property", "no-such-property")])
        links = {link["id"]: link for link in reply.json()}
        self.assertEqual(links[CONFLUENCE]["data"], {
            "configUrl": "http://wiki.example.test/admin/listapplicationlinks.action",
            "atlassian": True, "editable": True, "no-such-key": None})
        self.assertEqual(links[BAMBOO]["data"]["configUrl"],
                         "http://bamboo.example.test:8085/plugins/servlet/applinks/listApplicationLinks")
        self.assertEqual(links[RADAR]["data"]["configUrl"], "http://radar.example.test")
        self.assertFalse(links[RADAR]["data"]["atlassian"])
        self.assertEqual(links[RADAR]["properties"], {"no-such-property": None})

    def test_v3_get_one_and_its_errors(self):
        admin = self.admin()
        self.assertEqual(self.v3_link(BAMBOO)["name"], "Bamboo")
        self.assertE4(admin.get(self.rest("3.0", "applinks/" + DEPLOY_DASHBOARD)), 404)
        self.assertE4(admin.get(self.rest("3.0", "applinks/not-a-uuid")), 400)


class WhoMayCall(AppLinksTestCase):
    def test_v1_v2_and_ui_resources_answer_401_e2_to_non_admins(self):
        for user in ("alice", None):
            s = self.session(user)
            self.assertE2(s.get(self.rest("1.0", "applicationlink")), 401)
            self.assertE2(s.put(self.rest("2.0", "applicationlink"),
                                json={"typeId": "generic", "name": "x", "rpcUrl": "http://x.example.test",
                                      "displayUrl": "http://x.example.test"}), 401)
            self.assertE2(s.delete(self.rest("1.0", "applicationlink/" + RADAR)), 401)
            self.assertE2(s.get(self.rest("1.0", "listApplicationlinks")), 401)
        self.assertEqual(self.v3_link(RADAR)["name"], "Release Radar")  # nothing was deleted

    def test_the_401_is_xml_without_accept_json(self):
        reply = requests.get(self.rest("1.0", "applicationlink"), auth=("alice", "alice"))
        self.assertEqual(reply.status_code, 401)
        root = ET.fromstring(reply.content)
        self.assertEqual((root.tag, root.findtext("status-code")), ("status", "401"))

    def test_v3_answers_401_e4_to_anonymous_and_403_e4_to_non_admins(self):
        anonymous, alice = self.session(), self.session("alice")
        for path in ("applinks", "applinks/" + BAMBOO, "status/" + BAMBOO):
            self.assertE4(anonymous.get(self.rest("3.0", path)), 401)
            self.assertE4(alice.get(self.rest("3.0", path)), 403)
        self.assertE4(alice.delete(self.rest("3.0", "applinks/" + BAMBOO)), 403)
        self.assertE4(alice.put(self.rest("3.0", "status/" + BAMBOO + "/oauth"),
                                json={"incoming": {"enabled": False}, "outgoing": {"enabled": False}}), 403)

    def test_another_admins_credentials_in_the_query_are_accepted(self):
        alice = self.session("alice")
        ok = alice.get(self.rest("1.0", "applicationlink"), params={"al_username": "admin", "al_password": "admin"})
        self.assertEqual(ok.status_code, 200)
        wrong = alice.get(self.rest("1.0", "applicationlink"), params={"al_username": "admin", "al_password": "x"})
        self.assertE2(wrong, 401)


class WebSudo(AppLinksTestCase):
    def admin_session(self):
        s = self.session()
        reply = s.post(self.url + "/rest/auth/1/session", json={"username": "admin", "password": "admin"})
        self.assertEqual(reply.status_code, 200)
        return s

    def test_v1_needs_websudo_for_a_session_and_gets_it_after_authenticating(self):
        s = self.admin_session()
        self.assertE2(s.get(self.rest("1.0", "applicationlink")), 401, "This resource requires WebSudo.")
        self.assertE2(s.get(self.rest("2.0", "applicationlink/" + BAMBOO + "/authentication/provider")), 401,
                      "This resource requires WebSudo.")
        granted = s.post(self.url + "/secure/admin/WebSudoAuthenticate.jspa",
                         data={"webSudoPassword": "admin", "webSudoIsPost": "false"},
                         headers={"X-Atlassian-Token": "no-check"})
        self.assertEqual(granted.status_code, 200)
        reply = s.get(self.rest("1.0", "applicationlink"))
        self.assertEqual(reply.status_code, 200)
        self.assertEqual(len(reply.json()["applicationLinks"]), 4)

    def test_v1_delete_v3_and_ui_resources_never_ask_for_websudo(self):
        s = self.admin_session()
        self.assertEqual(s.get(self.rest("3.0", "applinks")).status_code, 200)
        self.assertEqual(s.get(self.rest("3.0", "status/" + BAMBOO)).status_code, 200)
        self.assertEqual(s.get(self.rest("1.0", "listApplicationlinks")).status_code, 200)
        # DELETE is @WebSudoNotRequired: an unknown id reaches the resource and is a 404.
        self.assertE2(s.delete(self.rest("1.0", "applicationlink/" + DEPLOY_DASHBOARD)), 404)

    def test_basic_auth_bypasses_websudo(self):
        self.assertEqual(self.admin().get(self.rest("1.0", "applicationlink")).status_code, 200)


class CreatingAndUpdating(AppLinksTestCase):
    def test_v2_create_derives_a_generic_links_id_from_its_url(self):
        reply = self.admin().put(self.rest("2.0", "applicationlink"), json={
            "typeId": "generic", "name": "Tool One", "rpcUrl": "http://tool-one.example.test/",
            "displayUrl": "http://tool-one.example.test/"})
        body = self.assertE2(reply, 201)
        expected = java_name_uuid("http://tool-one.example.test")
        self.assertEqual(body["resources-created"], [{"href": self.rest("2.0", "applicationlink/" + expected),
                                                      "rel": "self"}])
        self.assertNotIn("Location", reply.headers)  # RestUtil.created() sets none
        link = self.v3_link(expected)
        self.assertEqual((link["name"], link["type"], link["primary"]), ("Tool One", "generic", False))
        duplicate = self.admin().put(self.rest("2.0", "applicationlink"), json={
            "typeId": "generic", "name": "Tool One again", "rpcUrl": "http://tool-one.example.test",
            "displayUrl": "http://tool-one.example.test"})
        self.assertE3(duplicate, 400)

    def test_v2_create_keeps_an_atlassian_id_and_the_first_of_a_type_is_primary(self):
        link_id = "0b6c7d8e-1f20-3a4b-8c5d-6e7f8091a2b3"
        self.assertEqual(self.create_v2(id=link_id, typeId="jira", name="Other Jira",
                                        rpcUrl="http://jira.example.test"), link_id)
        self.assertTrue(self.v3_link(link_id)["primary"])

    def test_v2_create_refuses_unknown_types_and_names_in_use(self):
        admin = self.admin()
        base = {"rpcUrl": "http://refused.example.test", "displayUrl": "http://refused.example.test"}
        body = self.assertE3(admin.put(self.rest("2.0", "applicationlink"),
                                       json=dict(base, typeId="nonsense", name="Refused")), 400)
        self.assertEqual(body["message"], ["No type with id nonsense installed"])
        self.assertE3(admin.put(self.rest("2.0", "applicationlink"), json=dict(base, typeId="generic", name="Bamboo")),
                      400)

    def test_v1_put_creates_then_updates_but_never_changes_the_rpc_url(self):
        admin, link_id = self.admin(), "5d1e2f30-4a5b-3c6d-9e7f-8091a2b3c4d5"
        entity = {"id": link_id, "typeId": "bamboo", "name": "Build Farm", "rpcUrl": "http://farm.example.test",
                  "displayUrl": "http://farm.example.test"}
        created = self.assertE2(admin.put(self.rest("1.0", "applicationlink/" + link_id), json=entity), 201)
        self.assertEqual(created["resources-created"][0]["href"], self.rest("1.0", "applicationlink/" + link_id))
        updated = self.assertE2(admin.put(self.rest("1.0", "applicationlink/" + link_id),
                                          json=dict(entity, name="Build Farm 2",
                                                    displayUrl="http://farm-ui.example.test")), 200)
        self.assertEqual(updated["resources-updated"][0]["href"], self.rest("1.0", "applicationlink/" + link_id))
        link = self.v3_link(link_id)
        self.assertEqual((link["name"], link["displayUrl"]), ("Build Farm 2", "http://farm-ui.example.test"))
        self.assertE3(admin.put(self.rest("1.0", "applicationlink/" + link_id),
                                json=dict(entity, rpcUrl="http://farm2.example.test")), 400)
        self.assertE3(admin.put(self.rest("1.0", "applicationlink/" + link_id), json=dict(entity, name="Confluence")),
                      400)

    def test_v1_put_needs_a_reachable_application(self):
        link_id = "6e2f3041-5b6c-3d7e-8f90-a1b2c3d4e5f6"
        body = self.assertE3(self.admin().put(self.rest("1.0", "applicationlink/" + link_id), json={
            "id": link_id, "typeId": "generic", "name": "Far Away", "rpcUrl": "http://far.away.invalid",
            "displayUrl": "http://far.away.invalid"}), 400)
        self.assertIn("not reachable", body["message"][0])
        self.assertE4(self.admin().get(self.rest("3.0", "applinks/" + link_id)), 404)

    def test_v2_post_updates_and_answers_400_for_an_unknown_id(self):
        admin = self.admin()
        link_id = self.create_v2(name="Post Target", rpcUrl="http://post.example.test")
        entity = {"typeId": "generic", "name": "Post Target Renamed", "rpcUrl": "http://post.example.test",
                  "displayUrl": "http://post.example.test"}
        self.assertE2(admin.post(self.rest("2.0", "applicationlink/" + link_id), json=entity), 200)
        self.assertEqual(self.v3_link(link_id)["name"], "Post Target Renamed")
        self.assertE3(admin.post(self.rest("2.0", "applicationlink/" + DEPLOY_DASHBOARD), json=entity), 400)
        self.assertE3(admin.post(self.rest("2.0", "applicationlink/" + link_id),
                                 json=dict(entity, rpcUrl="http://moved.example.test")), 400)

    def test_v3_update_may_change_the_rpc_url(self):
        admin = self.admin()
        link_id = self.create_v2(name="Movable", rpcUrl="http://movable.example.test")
        reply = admin.put(self.rest("3.0", "applinks/" + link_id), json={
            "name": "Moved", "rpcUrl": "http://moved-here.example.test", "displayUrl": "http://moved-ui.example.test"})
        self.assertEqual(reply.status_code, 200, reply.text)
        self.assertEqual(reply.json(), {"id": link_id, "name": "Moved", "type": "generic", "system": False,
                                        "primary": False, "rpcUrl": "http://moved-here.example.test",
                                        "displayUrl": "http://moved-ui.example.test"})
        v1 = admin.get(self.rest("1.0", "applicationlink/" + link_id)).json()
        self.assertEqual(v1["rpcUrl"], "http://moved-here.example.test")

    def test_v3_update_validation_names_the_fields(self):
        admin = self.admin()
        link_id = self.create_v2(name="Validated", rpcUrl="http://validated.example.test")
        url = self.rest("3.0", "applinks/" + link_id)
        self.assertE4(admin.put(url, json={"name": "Confluence", "rpcUrl": "http://wiki.example.test",
                                           "displayUrl": "http://validated.example.test"}), 400,
                      ["name", "rpcUrl"])
        self.assertE4(admin.put(url, json={"name": "Validated", "rpcUrl": "relative/path",
                                           "displayUrl": "http://validated.example.test"}), 400, ["rpcUrl"])
        self.assertE4(admin.put(url, json={"name": "Validated", "rpcUrl": "http://validated.example.test"}), 400,
                      ["displayUrl", "displayUrl"])  # blank, and therefore not absolute
        self.assertE4(admin.put(self.rest("3.0", "applinks/" + DEPLOY_DASHBOARD), json={}), 404)
        self.assertE4(admin.put(self.rest("3.0", "applinks/x"), json={}), 400)

    def primaries(self, type_id):
        links = self.admin().get(self.rest("1.0", "applicationlink/type/" + type_id)).json()["applicationLinks"]
        return [link["id"] for link in links if link["isPrimary"]]

    def test_only_one_link_of_a_type_is_primary(self):
        admin = self.admin()
        second = self.create_v2(id="7f304152-6c7d-3e8f-9a01-b2c3d4e5f607", typeId="confluence",
                                name="Second Wiki", rpcUrl="http://wiki2.example.test")
        self.assertEqual(self.primaries("confluence"), [CONFLUENCE])
        # A POST without a body needs a JSON content type or the XSRF opt-out (spec 1.5).
        self.assertEqual(admin.post(self.rest("1.0", "applicationlink/primary/" + second)).status_code, 403)
        reply = admin.post(self.rest("1.0", "applicationlink/primary/" + second),
                           headers={"Content-Type": "application/json"})
        body = self.assertE2(reply, 200)
        self.assertIn(second, body["message"])
        self.assertEqual(body["resources-updated"][0]["href"], self.rest("1.0", "applicationlink/" + second))
        self.assertEqual(self.primaries("confluence"), [second])
        self.assertEqual(self.primaries("bamboo"), [BAMBOO])  # other types are untouched
        back = admin.put(self.rest("3.0", "applinks/" + CONFLUENCE), json={
            "name": "Confluence", "rpcUrl": "http://wiki.example.test", "displayUrl": "http://wiki.example.test",
            "primary": True})
        self.assertTrue(back.json()["primary"])
        self.assertEqual(self.primaries("confluence"), [CONFLUENCE])


class Deleting(StoredAppLinksTestCase):
    def tokens_of(self, consumer_key):
        return self.count("SELECT COUNT(*) FROM oauth1_tokens WHERE consumer_key = ?", consumer_key)

    def test_deleting_release_radar_takes_its_consumer_and_alices_token(self):
        self.assertEqual(self.tokens_of("release-radar"), 1)
        reply = self.admin().delete(self.rest("1.0", "applicationlink/" + RADAR))
        self.assertE2(reply, 200, f"Deleted application with id '{RADAR}'")
        self.assertEqual(self.tokens_of("release-radar"), 0)
        self.assertEqual(self.count("SELECT COUNT(*) FROM oauth_consumers WHERE link_id = ?", RADAR), 0)
        self.assertEqual(self.count("SELECT COUNT(*) FROM applink_auth_providers WHERE link_id = ?", RADAR), 0)
        self.assertEqual(self.tokens_of("bamboo:" + BAMBOO), 1)  # other links keep theirs
        self.assertE4(self.admin().get(self.rest("3.0", "applinks/" + RADAR)), 404)
        # A new link to the same tool starts without a consumer: incoming OAuth is off.
        again = self.create_v2(name="Release Radar", rpcUrl="http://radar.example.test")
        status = self.session().get(self.rest("3.0", f"status/{again}/oauth")).json()
        self.assertFalse(status["incoming"]["enabled"])

    def test_reciprocal_delete_needs_credentials_for_the_remote(self):
        reply = self.admin().delete(self.rest("1.0", "applicationlink/" + BAMBOO), params={"reciprocate": "true"})
        body = self.assertE2(reply, 401)
        self.assertIn("credentials required", body["message"])
        self.assertEqual(self.v3_link(BAMBOO)["name"], "Bamboo")

    def test_v1_delete_errors(self):
        self.assertE2(self.admin().delete(self.rest("1.0", "applicationlink/" + DEPLOY_DASHBOARD)), 404)
        self.assertE2(self.admin().delete(self.rest("1.0", "applicationlink/not-a-uuid")), 500)

    def test_v3_delete(self):
        admin = self.admin()
        reply = admin.delete(self.rest("3.0", "applinks/" + BITBUCKET))
        self.assertEqual((reply.status_code, reply.content), (204, b""))
        self.assertE4(admin.delete(self.rest("3.0", "applinks/" + BITBUCKET)), 404)
        self.assertE4(admin.delete(self.rest("3.0", "applinks/not-a-uuid")), 400)
        self.assertNotIn(BITBUCKET, [link["id"] for link in admin.get(self.rest("3.0", "applinks")).json()])

    def test_deleting_a_primary_link_promotes_the_next_of_its_type(self):
        second = self.create_v2(id="8a415263-7d8e-3f90-a1b2-c3d4e5f60718", typeId="confluence",
                                name="Backup Wiki", rpcUrl="http://wiki-backup.example.test")
        self.assertFalse(self.v3_link(second)["primary"])
        self.assertEqual(self.admin().delete(self.rest("3.0", "applinks/" + CONFLUENCE)).status_code, 204)
        self.assertTrue(self.v3_link(second)["primary"])


class SystemLinks(StoredAppLinksTestCase):
    SYSTEM = "9c637485-9fa0-3b12-83d4-e5f607182930"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Products create system links themselves; no REST call can, so the test adds the row.
        with contextlib.closing(sqlite3.connect(cls.db_path)) as db, db:
            db.execute("INSERT INTO applinks (id, type_id, name, display_url, rpc_url, is_system, created_at)"
                       " VALUES (?, 'crowd', 'User Directory', 'http://crowd.example.test',"
                       " 'http://crowd-internal.example.test', 1, 0)", (cls.SYSTEM,))

    def test_v1_hides_the_rpc_url_of_a_system_link(self):
        entity = self.admin().get(self.rest("1.0", "applicationlink/" + self.SYSTEM)).json()
        self.assertTrue(entity["isSystem"])
        self.assertNotIn("rpcUrl", entity)
        link = self.v3_link(self.SYSTEM)
        self.assertEqual((link["system"], link["rpcUrl"]), (True, "http://crowd-internal.example.test"))

    def test_v3_refuses_to_edit_a_system_link_even_for_a_sysadmin(self):
        reply = self.admin().put(self.rest("3.0", "applinks/" + self.SYSTEM), json={
            "name": "User Directory", "rpcUrl": "http://crowd-internal.example.test",
            "displayUrl": "http://crowd.example.test"})
        body = self.assertE4(reply, 400, [])
        self.assertEqual(len(body["errors"]), 1)
        status = self.admin().get(self.rest("latest", "status/" + self.SYSTEM)).json()
        self.assertEqual(status["error"], {"category": "SYSTEM", "type": "SYSTEM_LINK"})
        data = self.admin().get(self.rest("latest", "applinks/" + self.SYSTEM),
                                params=[("data", "editable"), ("data", "v3Editable")]).json()["data"]
        self.assertEqual(data, {"editable": False, "v3Editable": False})


class AuthenticationProviders(AppLinksTestCase):
    def test_configured_providers_of_a_link(self):
        admin = self.admin()
        body = admin.get(self.rest("2.0", f"applicationlink/{BAMBOO}/authentication/provider")).json()
        self.assertEqual(body["authenticationProviders"], [{
            "link": [{"href": f"applicationlink/{BAMBOO}/authentication/provider", "rel": "self"}],
            "module": "com.atlassian.applinks.oauth.auth.OAuthAuthenticatorProviderPluginModule",
            "provider": OAUTH, "config": {}}])
        filtered = admin.get(self.rest("2.0", f"applicationlink/{BAMBOO}/authentication/provider/{OAUTH}x"))
        self.assertEqual(filtered.json()["authenticationProviders"], [])
        self.assertE2(admin.get(self.rest("2.0", f"applicationlink/{DEPLOY_DASHBOARD}/authentication/provider")), 404)

    def test_registering_an_outgoing_provider(self):
        admin = self.admin()
        config = {"consumerKey.outbound": "jira-at-example",
                  "serviceProvider.requestTokenUrl": "https://tool.example.test/oauth/request-token"}
        url = self.rest("2.0", f"applicationlink/{BITBUCKET}/authentication/provider")
        created = self.assertE2(admin.put(url, json={"provider": OAUTH, "config": config}), 201)
        self.assertEqual(created["resources-created"][0]["href"],
                         f"applicationlink/{BITBUCKET}/authentication/{OAUTH}")
        providers = admin.get(url).json()["authenticationProviders"]
        self.assertEqual([(p["provider"], p["config"]) for p in providers], [(OAUTH, config)])
        outgoing = self.session().get(self.rest("3.0", f"status/{BITBUCKET}/oauth")).json()["outgoing"]
        self.assertTrue(outgoing["enabled"])
        self.assertE3(admin.put(url, json={"provider": "java.lang.String", "config": {}}), 400)


if __name__ == "__main__":
    unittest.main()
