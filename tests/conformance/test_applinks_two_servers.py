"""Application links between two running trackersims (issue 8 section 6): the wizard's probe and
two-way creation with the remote's admin credentials, health computed by calling the remote,
relocation after a server move, deleting both ends, and remotes that are no Atlassian application.
Every test starts its own pair of servers, so none depends on another."""
import os
import tempfile
import unittest
import xml.etree.ElementTree as ET

import requests

from simharness import PlainSite, Sim, free_port

NO_CHECK = {"X-Atlassian-Token": "no-check"}
OFF = {"enabled": False, "twoLoEnabled": False, "twoLoImpersonationEnabled": False}
DEFAULT = {"enabled": True, "twoLoEnabled": True, "twoLoImpersonationEnabled": False}
IMPERSONATION = {"enabled": True, "twoLoEnabled": True, "twoLoImpersonationEnabled": True}
# Room for a busy machine: one call may wait on another that the remote makes back to us.
REMOTE_TIMEOUT_MS = 8000


class Server:
    """One trackersim and an admin's view of it."""

    def __init__(self, sim):
        self.sim = sim
        self.url = sim.url
        self.admin = requests.Session()
        self.admin.auth = ("admin", "admin")
        self.admin.headers.update({"Accept": "application/json", "User-Agent": "conformance-tests/1.0"})

    def rest(self, version, tail):
        return f"{self.url}/rest/applinks/{version}/{tail}"

    def manifest(self):
        return requests.get(self.rest("1.0", "manifest"), headers={"Accept": "application/json"}).json()

    def consumer_key(self):
        return ET.fromstring(requests.get(self.url + "/plugins/servlet/oauth/consumer-info").content).findtext("key")

    def links(self):
        reply = self.admin.get(self.rest("3.0", "applinks"))
        reply.raise_for_status()
        return {link["id"]: link for link in reply.json()}

    def status(self, link_id):
        reply = self.admin.get(self.rest("3.0", "status/" + link_id))
        assert reply.status_code == 200, reply.text
        return reply.json()

    def probe(self, url):
        return self.admin.get(self.rest("1.0", "applicationlinkForm/manifest"), params={"url": url},
                              headers=NO_CHECK)

    def create_link(self, remote_url, two_way=True, password="admin", share_userbase=False, type_id="jira",
                    **options):
        body = {"applicationLink": {"typeId": type_id, "name": "Remote Jira", "rpcUrl": remote_url,
                                    "displayUrl": remote_url, "isPrimary": False},
                "createTwoWayLink": two_way, "customRpcURL": False,
                "configFormValues": {"trustEachOther": False, "shareUserbase": share_userbase}}
        if two_way:
            body.update(username="admin", password=password)
        body.update(options)
        return self.admin.post(self.rest("1.0", "applicationlinkForm/createAppLink"), json=body)

    def create_v2(self, remote_url, type_id="jira", link_id=None):
        body = {"typeId": type_id, "name": "One Way", "rpcUrl": remote_url, "displayUrl": remote_url}
        if link_id:
            body["id"] = link_id
        reply = self.admin.put(self.rest("2.0", "applicationlink"), json=body)
        assert reply.status_code == 201, reply.text
        return reply.json()["resources-created"][0]["href"].rsplit("/", 1)[1]

    def incoming_consumer(self, link_id):
        reply = self.admin.get(f"{self.url}/rest/applinks-oauth/1.0/applicationlink/{link_id}"
                               "/authentication/consumer")
        return reply.json()["consumers"][0] if reply.status_code == 200 else None


class TwoServersTestCase(unittest.TestCase):
    """A local and a remote trackersim, each keeping its data in a file of its own."""

    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.addCleanup(self.folder.cleanup)
        self.local = self.start("local.db")
        self.remote = self.start("remote.db")

    def start(self, data_file, remote_timeout_ms=REMOTE_TIMEOUT_MS):
        sim = Sim("--seed", "none", "--data", os.path.join(self.folder.name, data_file),
                  "--remote-timeout-ms", str(remote_timeout_ms))
        server = Server(sim)
        self.addCleanup(lambda: server.sim.stop())
        self.addCleanup(server.admin.close)
        return server

    def link_both_ways(self, **options):
        reply = self.local.create_link(self.remote.url, **options)
        self.assertEqual(reply.status_code, 200, reply.text)
        created = reply.json()
        self.assertTrue(created["autoConfigurationSuccessful"], created)
        return created["applicationLink"]["id"]

    def assertError(self, status, category, error_type):
        self.assertFalse(status["working"], status)
        self.assertEqual((status["error"]["category"], status["error"]["type"]), (category, error_type), status)


class Probing(TwoServersTestCase):
    def test_the_probe_answers_the_remote_manifest(self):
        reply = self.local.probe(self.remote.url)
        self.assertEqual(reply.status_code, 200, reply.text)
        self.assertEqual(reply.json(), self.remote.manifest())
        self.assertEqual((reply.json()["typeId"], reply.json()["url"]), ("jira", self.remote.url))

    def test_a_port_where_nothing_listens_is_an_unknown_host_warning(self):
        reply = self.local.probe(f"http://127.0.0.1:{free_port()}")
        self.assertEqual(reply.status_code, 200, reply.text)
        self.assertEqual(reply.json()["code"], "applinks.warning.unknown.host")
        self.assertTrue(reply.json()["warning"])

    def test_a_linked_remote_and_this_instance_are_conflicts(self):
        link_id = self.link_both_ways()
        self.assertEqual(link_id, self.remote.manifest()["id"])
        again = self.local.probe(self.remote.url + "/")
        self.assertEqual((again.status_code, again.json()["status"]), (409, 409))
        itself = self.local.probe(self.local.url)
        self.assertEqual(itself.status_code, 409, itself.text)


    def test_remote_capabilities_come_from_the_remote(self):
        link_id = self.local.create_v2(self.remote.url, link_id=self.remote.manifest()["id"])
        url = self.local.rest("3.0", "capabilities/remote/" + link_id)
        self.assertEqual(self.local.admin.get(url).json(), {"capabilities": ["STATUS_API", "MIGRATION_API"]})
        self.remote.sim.stop()
        down = self.local.admin.get(url).json()
        self.assertEqual((down["capabilities"], down["error"]["type"]), ([], "CONNECTION_REFUSED"))


class TwoWayCreation(TwoServersTestCase):
    def test_both_ends_list_the_link_and_say_it_works(self):
        link_id = self.link_both_ways()
        back_id = self.local.manifest()["id"]
        self.assertIn(link_id, self.local.links())
        back = self.remote.links()[back_id]
        self.assertEqual((back["rpcUrl"], back["displayUrl"], back["type"]), (self.local.url, self.local.url, "jira"))

        for server, link, other in ((self.local, link_id, self.remote), (self.remote, back_id, self.local)):
            status = server.status(link)
            self.assertTrue(status["working"], status)
            self.assertNotIn("error", status)
            self.assertEqual(status["localAuthentication"], {"incoming": DEFAULT, "outgoing": DEFAULT})
            self.assertEqual(status["remoteAuthentication"], {"incoming": DEFAULT, "outgoing": DEFAULT})
            # Each end trusts the other's own consumer, fetched from its consumer-info.
            consumer = server.incoming_consumer(link)
            self.assertEqual((consumer["key"], consumer["twoLOAllowed"], consumer["twoLOImpersonationAllowed"]),
                             (other.consumer_key(), True, False))

    def test_a_shared_userbase_means_impersonation_and_a_custom_url_for_the_way_back(self):
        custom = self.local.url.replace("127.0.0.1", "localhost")
        link_id = self.link_both_ways(share_userbase=True, customRpcURL=True, rpcUrl=custom)
        back = self.remote.links()[self.local.manifest()["id"]]
        self.assertEqual((back["rpcUrl"], back["displayUrl"]), (custom, self.local.url))
        status = self.local.status(link_id)
        self.assertTrue(status["working"], status)
        self.assertEqual(status["remoteAuthentication"], {"incoming": IMPERSONATION, "outgoing": IMPERSONATION})

    def test_a_wrong_remote_password_creates_nothing_on_either_end(self):
        reply = self.local.create_link(self.remote.url, password="wrong")
        self.assertEqual(reply.status_code, 400, reply.text)
        body = reply.json()
        self.assertEqual((body["status"], body["fields"]), (400, ["authorization"]))
        self.assertTrue(body["message"][0])
        self.assertNotIn(self.remote.manifest()["id"], self.local.links())
        self.assertNotIn(self.local.manifest()["id"], self.remote.links())

    def test_a_remote_user_who_is_not_an_admin_is_refused_the_same_way(self):
        body = {"applicationLink": {"typeId": "jira", "name": "Remote Jira", "rpcUrl": self.remote.url,
                                    "displayUrl": self.remote.url}, "createTwoWayLink": True,
                "username": "alice", "password": "alice"}
        reply = self.local.admin.post(self.local.rest("1.0", "applicationlinkForm/createAppLink"), json=body)
        self.assertEqual((reply.status_code, reply.json().get("fields")), (400, ["authorization"]), reply.text)
        self.assertNotIn(self.remote.manifest()["id"], self.local.links())
        self.assertNotIn(self.local.manifest()["id"], self.remote.links())

    def test_the_wizard_checks_the_remote_credentials_and_the_way_back(self):
        details = self.local.rest("1.0", "applicationlinkForm/details")
        good = {"username": "admin", "password": "admin", "remoteUrl": self.remote.url, "rpcUrl": self.local.url}
        ok = self.local.admin.post(details, json=good)
        self.assertEqual((ok.status_code, ok.content), (200, b""), ok.text)
        wrong = self.local.admin.post(details, json=dict(good, password="wrong"))
        self.assertEqual((wrong.status_code, wrong.json()["fields"]), (400, ["reciprocal-link-password"]))
        nowhere = self.local.admin.post(details, json=dict(good, rpcUrl=f"http://127.0.0.1:{free_port()}"))
        self.assertEqual((nowhere.status_code, nowhere.json()["status"]), (400, 400), nowhere.text)
        down = self.local.admin.post(details, json=dict(good, remoteUrl=f"http://127.0.0.1:{free_port()}"))
        self.assertEqual((down.status_code, down.json()["status-code"]), (500, 500), down.text)

    def test_a_remote_that_does_not_answer_is_a_server_error(self):
        before = self.local.links()
        reply = self.local.create_link(f"http://127.0.0.1:{free_port()}")
        self.assertEqual((reply.status_code, reply.json()["status-code"]), (500, 500), reply.text)
        self.assertEqual(self.local.links(), before)


class Health(TwoServersTestCase):
    def test_a_stopped_remote_is_connection_refused_and_relocating_to_its_new_port_fixes_it(self):
        link_id = self.link_both_ways()
        self.remote.sim.stop()
        status = self.local.status(link_id)
        self.assertError(status, "NETWORK_ERROR", "CONNECTION_REFUSED")
        self.assertNotIn("remoteAuthentication", status)

        moved = Server(self.remote.sim.restarted_elsewhere())
        self.addCleanup(lambda: moved.sim.stop())
        self.assertNotEqual(moved.url, self.remote.url)
        self.assertEqual(moved.manifest()["id"], link_id)  # the server id survives the move
        self.assertError(self.local.status(link_id), "NETWORK_ERROR", "CONNECTION_REFUSED")

        relocate = self.local.rest("1.0", "relocateApplicationlink/" + link_id)
        nowhere = self.local.admin.post(relocate, params={"newUrl": f"http://127.0.0.1:{free_port()}"},
                                        headers=NO_CHECK)
        self.assertEqual((nowhere.status_code, nowhere.content), (409, b""))
        reply = self.local.admin.post(relocate, params={"newUrl": moved.url}, headers=NO_CHECK)
        self.assertEqual(reply.status_code, 204, reply.text)
        link = self.local.links()[link_id]
        self.assertEqual((link["rpcUrl"], link["displayUrl"]), (moved.url, moved.url))
        status = self.local.status(link_id)
        self.assertTrue(status["working"], status)
        # The moved remote still reaches us through its own, unchanged link.
        self.assertTrue(moved.status(self.local.manifest()["id"])["working"])

    def test_a_remote_that_stalls_is_an_unknown_error_after_the_timeout(self):
        hasty = self.start("hasty.db", remote_timeout_ms=1000)
        link_id = hasty.create_v2(self.remote.url, link_id=self.remote.manifest()["id"])
        self.remote.sim.add_fault(path="/rest/applinks/1.0/manifest", action="stall")
        status = hasty.status(link_id)
        self.assertError(status, "UNKNOWN", "UNKNOWN")
        self.assertIn("SocketTimeoutException", status["error"]["details"])

    def test_a_skewed_clock_is_a_refused_oauth_timestamp(self):
        link_id = self.link_both_ways()
        self.local.sim.advance_clock(3600)
        status = self.local.status(link_id)
        self.assertError(status, "NETWORK_ERROR", "OAUTH_TIMESTAMP_REFUSED")
        self.assertEqual(status["remoteAuthentication"], {"incoming": DEFAULT, "outgoing": DEFAULT})

    def test_a_consumer_with_another_key_is_an_invalid_signature(self):
        link_id = self.link_both_ways()
        # The remote now holds some other public key for our consumer.
        other_key = ET.fromstring(requests.get(self.remote.url + "/plugins/servlet/oauth/consumer-info")
                                  .content).findtext("publicKey")
        back_id = self.local.manifest()["id"]
        reply = self.remote.admin.put(
            f"{self.remote.url}/rest/applinks-oauth/1.0/applicationlink/{back_id}/authentication/consumer",
            json={"key": self.local.consumer_key(), "name": "Local", "publicKey": other_key, "twoLOAllowed": True})
        self.assertEqual(reply.status_code, 201, reply.text)
        self.assertError(self.local.status(link_id), "NETWORK_ERROR", "OAUTH_SIGNATURE_INVALID")

    def test_a_remote_without_a_link_back_or_with_other_levels_is_a_configuration_error(self):
        link_id = self.local.create_v2(self.remote.url, link_id=self.remote.manifest()["id"])
        self.assertError(self.local.status(link_id), "CONFIG_ERROR", "NO_REMOTE_APPLINK")
        # The remote links back, but with OAuth off.
        self.remote.create_v2(self.local.url, link_id=self.local.manifest()["id"])
        levels = self.local.admin.put(self.local.rest("3.0", f"status/{link_id}/oauth"),
                                      json={"incoming": DEFAULT, "outgoing": DEFAULT})
        self.assertEqual(levels.status_code, 204, levels.text)
        status = self.local.status(link_id)
        self.assertError(status, "CONFIG_ERROR", "AUTH_LEVEL_MISMATCH")
        self.assertEqual(status["remoteAuthentication"], {"incoming": OFF, "outgoing": OFF})

    def test_a_link_of_another_application_is_a_configuration_error(self):
        link_id = self.local.create_v2(self.remote.url, link_id="0b9c8d7e-6f5a-3b4c-9d8e-7f6a5b4c3d2e")
        status = self.local.status(link_id)
        self.assertError(status, "CONFIG_ERROR", "NO_REMOTE_APPLINK")
        self.assertIn(self.remote.manifest()["id"], status["error"]["details"])

    def test_a_remote_link_that_points_elsewhere_is_a_base_url_mismatch(self):
        link_id = self.link_both_ways(share_userbase=True)
        back_id = self.local.manifest()["id"]
        moved = self.remote.admin.put(self.remote.rest("3.0", "applinks/" + back_id),
                                      json={"name": "Local Jira", "rpcUrl": "http://old-jira.example.test",
                                            "displayUrl": "http://old-jira.example.test"})
        self.assertEqual(moved.status_code, 200, moved.text)
        status = self.local.status(link_id)
        self.assertError(status, "CONFIG_ERROR", "NO_REMOTE_APPLINK")
        self.assertIn("http://old-jira.example.test", status["error"]["details"])


class DeletingBothEnds(TwoServersTestCase):
    def permission(self, link_id):
        reply = self.local.admin.get(self.local.rest("1.0", "permission/reciprocate-application-delete/" + link_id))
        self.assertEqual(reply.status_code, 200, reply.text)
        return reply.json()["code"]

    def test_with_impersonation_both_ends_go(self):
        link_id = self.link_both_ways(share_userbase=True)
        self.assertEqual(self.permission(link_id), "ALLOWED")  # the remote says so
        reply = self.local.admin.delete(self.local.rest("1.0", "applicationlink/" + link_id),
                                        params={"reciprocate": "true"})
        self.assertEqual(reply.status_code, 200, reply.text)
        self.assertEqual(reply.json(), {"status-code": 200,
                                        "message": f"Deleted application with id '{link_id}'"})
        self.assertNotIn(link_id, self.local.links())
        self.assertNotIn(self.local.manifest()["id"], self.remote.links())

    def test_without_a_usable_authentication_nothing_goes(self):
        link_id = self.link_both_ways()  # 3-legged OAuth: it would need the admin's token
        self.assertEqual(self.permission(link_id), "CREDENTIALS_REQUIRED")
        reply = self.local.admin.delete(self.local.rest("1.0", "applicationlink/" + link_id),
                                        params={"reciprocate": "true"})
        self.assertEqual((reply.status_code, reply.json()["status-code"]), (401, 401), reply.text)
        self.assertIn(link_id, self.local.links())
        self.assertIn(self.local.manifest()["id"], self.remote.links())

    def test_a_failed_remote_deletion_keeps_the_local_link(self):
        link_id = self.link_both_ways(share_userbase=True)
        self.remote.sim.add_fault(method="DELETE", path="/rest/applinks/1.0/applicationlink/*", status=503,
                                  body="down for maintenance")
        self.remote.sim.add_fault(path="/rest/applinks/1.0/permission/*", action="reset")
        self.assertEqual(self.permission(link_id), "NO_CONNECTION")
        reply = self.local.admin.delete(self.local.rest("1.0", "applicationlink/" + link_id),
                                        params={"reciprocate": "true"})
        self.assertEqual((reply.status_code, reply.json()["status-code"]), (500, 500), reply.text)
        self.assertIn(link_id, self.local.links())


class ConsumerInformation(TwoServersTestCase):
    def test_enabling_incoming_oauth_fetches_the_remotes_consumer_info(self):
        link_id = self.local.create_v2(self.remote.url, link_id=self.remote.manifest()["id"])
        reply = self.local.admin.put(self.local.rest("3.0", f"status/{link_id}/oauth"),
                                     json={"incoming": DEFAULT, "outgoing": OFF})
        self.assertEqual(reply.status_code, 204, reply.text)
        self.assertEqual(self.local.incoming_consumer(link_id)["key"], self.remote.consumer_key())

    def test_auto_configuring_the_consumer_fetches_it_too(self):
        link_id = self.local.create_v2(self.remote.url, link_id=self.remote.manifest()["id"])
        url = f"{self.local.url}/rest/applinks-oauth/1.0/applicationlink/{link_id}/authentication/consumer"
        reply = self.local.admin.put(url, params={"autoConfigure": "true"}, json={"twoLOAllowed": True})
        self.assertEqual(reply.status_code, 201, reply.text)
        consumer = self.local.incoming_consumer(link_id)
        self.assertEqual((consumer["key"], consumer["twoLOAllowed"]), (self.remote.consumer_key(), True))

    def test_a_remote_that_is_down_cannot_give_it(self):
        link_id = self.local.create_v2(self.remote.url, link_id=self.remote.manifest()["id"])
        self.remote.sim.stop()
        reply = self.local.admin.put(self.local.rest("3.0", f"status/{link_id}/oauth"),
                                     json={"incoming": DEFAULT, "outgoing": DEFAULT})
        self.assertEqual((reply.status_code, reply.json()["status"]), (409, 409), reply.text)
        url = f"{self.local.url}/rest/applinks-oauth/1.0/applicationlink/{link_id}/authentication/consumer"
        auto = self.local.admin.put(url, params={"autoConfigure": "true"}, json={})
        self.assertEqual((auto.status_code, auto.json()["status-code"]), (500, 500), auto.text)
        self.assertIsNone(self.local.incoming_consumer(link_id))


class OneWayCreation(TwoServersTestCase):
    def test_the_v1_put_downloads_the_manifest(self):
        remote_id = self.remote.manifest()["id"]
        entity = {"id": remote_id, "typeId": "jira", "name": "Remote", "rpcUrl": self.remote.url,
                  "displayUrl": self.remote.url}
        created = self.local.admin.put(self.local.rest("1.0", "applicationlink/" + remote_id), json=entity)
        self.assertEqual(created.status_code, 201, created.text)
        self.remote.sim.stop()
        gone = self.local.admin.put(self.local.rest("1.0", "applicationlink/" + remote_id),
                                    json=dict(entity, name="Remote again"))
        self.assertEqual(gone.status_code, 400, gone.text)
        self.assertIn("not reachable", gone.json()["message"][0])


class NonAtlassianRemote(TwoServersTestCase):
    def setUp(self):
        super().setUp()
        self.site = PlainSite()
        self.addCleanup(self.site.stop)

    def test_the_probe_finds_no_manifest(self):
        reply = self.local.probe(self.site.url)
        self.assertEqual((reply.status_code, reply.json()), (200, {}))

    def test_linking_it_as_jira_is_refused_and_a_generic_link_is_not_checked(self):
        refused = self.local.create_link(self.site.url, two_way=False)
        self.assertEqual((refused.status_code, refused.json()["status-code"]), (500, 500), refused.text)
        generic = self.local.create_link(self.site.url, two_way=False, type_id="generic")
        self.assertEqual(generic.status_code, 200, generic.text)
        self.assertError(self.local.status(generic.json()["applicationLink"]["id"]), "NON_ATLASSIAN", "GENERIC_LINK")

    def test_a_jira_link_to_it_is_not_atlassian(self):
        link_id = self.local.create_v2(self.site.url, link_id="1c2d3e4f-5a6b-3c7d-8e9f-0a1b2c3d4e5f")
        self.assertError(self.local.status(link_id), "NON_ATLASSIAN", "NON_ATLASSIAN")


if __name__ == "__main__":
    unittest.main()
