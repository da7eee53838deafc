"""Personal access tokens, admin side (spec 7.2) and rate limiting of /rest/pat (spec 1.7):
token search with every filter, sort and paging, the user picker, bulk delete, and 429s."""
import unittest

import requests

from simharness import SimTestCase

TOKENS = "/rest/pat/latest/tokens"
SEARCH = TOKENS + "/search"
USERS = SEARCH + "/user"
ADMIN_TOKENS = "/rest/pat/latest/admin/tokens"

NOT_AUTHENTICATED = "com.atlassian.sal.api.permission.NotAuthenticatedException"
NOT_AUTHORISED = "com.atlassian.sal.api.permission.AuthorisationException"
INVALID_SORT = "com.atlassian.pats.exception.InvalidSortException"
INVALID_DATE = "com.atlassian.pats.exception.InvalidDateStringFormatException"
ILLEGAL_ARGUMENT = "java.lang.IllegalArgumentException"
MAPPING = "org.codehaus.jackson.map.JsonMappingException"

ALICE = {"userKey": "JIRAUSER10100", "username": "alice", "fullName": "Alice Able",
         "email": "alice@example.test"}
BOB = {"userKey": "JIRAUSER10200", "username": "bob", "fullName": "Bob Baker",
       "email": "bob@example.test"}
ADMIN = {"userKey": "JIRAUSER10000", "username": "admin", "fullName": "Ada Admin",
         "email": "admin@example.test"}
SEEDED = ["ci-pipeline", "laptop-cli", "old-import", "reporting"]


class AdminTestCase(SimTestCase):
    def session(self, user=None, password=None):
        s = super().session(user, password)
        self.addCleanup(s.close)
        return s

    def search(self, body, user="admin"):
        return self.session(user).post(self.url + SEARCH, json=body)

    def page(self, body):
        reply = self.search(body)
        self.assertEqual(reply.status_code, 200, reply.text)
        return reply.json()

    def names(self, body):
        return [t["name"] for t in self.page(body)["values"]]

    def assert_e5(self, reply, status, exception):
        self.assertEqual(reply.status_code, status, reply.text)
        body = reply.json()
        self.assertEqual(set(body), {"exception", "error"})
        self.assertEqual(body["exception"], exception)
        return body


class AdminTokenSearch(AdminTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        reply = requests.post(cls.url + SEARCH, json={}, auth=("admin", "admin"),
                              headers={"Accept": "application/json"})
        cls.seeded = {t["name"]: t for t in reply.json()["values"]}

    def test_defaults_give_one_page_sorted_by_name(self):
        page = self.page({})
        self.assertEqual(set(page), {"values", "page", "size", "isLastPage", "totalPages"})
        self.assertEqual([t["name"] for t in page["values"]], SEEDED)
        self.assertEqual((page["page"], page["size"], page["isLastPage"], page["totalPages"]),
                         (0, 100, True, 1))

    def test_each_value_carries_the_owners_profile(self):
        by_name = {t["name"]: t for t in self.page({})["values"]}
        self.assertEqual(by_name["laptop-cli"]["userProfileResource"], ALICE)
        self.assertEqual(by_name["reporting"]["userProfileResource"], BOB)
        for token in by_name.values():
            self.assertNotIn("rawToken", token)
            self.assertLessEqual(set(token), {"id", "name", "createdAt", "expiringAt",
                                              "lastAccessedAt", "userProfileResource"})
        self.assertNotIn("lastAccessedAt", by_name["ci-pipeline"])
        self.assertEqual(by_name["ci-pipeline"]["expiringAt"], "9999-12-31T00:00:00.000+00:00")

    def test_both_sort_orders(self):
        self.assertEqual(self.names({"orderBy": "asc"}), SEEDED)
        self.assertEqual(self.names({"orderBy": "desc"}), SEEDED[::-1])
        self.assertEqual(self.names({"orderBy": "DESC"}), SEEDED[::-1])

    def test_every_sort_field(self):
        self.assertEqual(self.names({"sortBy": "createdAt"}),
                         ["old-import", "laptop-cli", "reporting", "ci-pipeline"])
        self.assertEqual(self.names({"sortBy": "createdAt", "orderBy": "desc"}),
                         ["ci-pipeline", "reporting", "laptop-cli", "old-import"])
        # A token without expiry sorts as expiring on 9999-12-31.
        self.assertEqual(self.names({"sortBy": "expiringAt"}),
                         ["laptop-cli", "reporting", "old-import", "ci-pipeline"])
        # Never-used tokens sort after used ones; ties fall back to the newest first.
        self.assertEqual(self.names({"sortBy": "lastAccessedAt"}),
                         ["laptop-cli", "reporting", "ci-pipeline", "old-import"])
        self.assertEqual(self.names({"sortBy": "userKey"}),
                         ["ci-pipeline", "laptop-cli", "reporting", "old-import"])
        self.assertEqual(self.names({"sortBy": "userKey", "orderBy": "desc"}),
                         ["reporting", "old-import", "ci-pipeline", "laptop-cli"])
        self.assertEqual(self.names({"sortBy": "name"}), SEEDED)

    def test_user_keys_filter(self):
        self.assertEqual(self.names({"userKeys": ["JIRAUSER10200"]}), ["old-import", "reporting"])
        self.assertEqual(self.names({"userKeys": ["JIRAUSER10100", "JIRAUSER10200"]}), SEEDED)
        self.assertEqual(self.names({"userKeys": ["JIRAUSER99999"]}), [])
        self.assertEqual(self.names({"userKeys": []}), SEEDED)  # empty means no filter

    def test_name_filter_is_case_insensitive_contains(self):
        self.assertEqual(self.names({"name": "LAPTOP"}), ["laptop-cli"])
        self.assertEqual(self.names({"name": "o"}), ["laptop-cli", "old-import", "reporting"])
        self.assertEqual(self.names({"name": ""}), SEEDED)
        self.assertEqual(self.names({"name": "nothing-like-this"}), [])

    def test_is_used_filter(self):
        self.assertEqual(self.names({"isUsed": True}), ["laptop-cli", "reporting"])
        self.assertEqual(self.names({"isUsed": False}), ["ci-pipeline", "old-import"])

    def test_created_date_range_is_inclusive(self):
        reporting = self.seeded["reporting"]["createdAt"]
        self.assertEqual(self.names({"tokenCreatedDateFrom": reporting}), ["ci-pipeline", "reporting"])
        self.assertEqual(self.names({"tokenCreatedDateTo": reporting}),
                         ["laptop-cli", "old-import", "reporting"])
        self.assertEqual(self.names({"tokenCreatedDateFrom": reporting, "tokenCreatedDateTo": reporting}),
                         ["reporting"])

    def test_expiry_date_range_treats_non_expiring_as_9999(self):
        reporting = self.seeded["reporting"]["expiringAt"]
        self.assertEqual(self.names({"tokenExpiryDateTo": reporting}), ["laptop-cli", "reporting"])
        self.assertEqual(self.names({"tokenExpiryDateFrom": "9999-01-01T00:00:00Z"}), ["ci-pipeline"])
        self.assertEqual(self.names({"tokenExpiryDateFrom": reporting, "tokenExpiryDateTo": "3000-01-01T00:00:00+02:00"}),
                         ["old-import", "reporting"])

    def test_last_authenticated_range_excludes_unused(self):
        laptop = self.seeded["laptop-cli"]["lastAccessedAt"]
        reporting = self.seeded["reporting"]["lastAccessedAt"]
        self.assertEqual(self.names({"lastAuthenticatedDateFrom": reporting}), ["reporting"])
        self.assertEqual(self.names({"lastAuthenticatedDateTo": laptop}), ["laptop-cli"])
        self.assertEqual(self.names({"lastAuthenticatedDateFrom": "2000-01-01T00:00:00Z"}),
                         ["laptop-cli", "reporting"])

    def test_filters_combine(self):
        self.assertEqual(self.names({"userKeys": ["JIRAUSER10200"], "isUsed": False, "name": "IMPORT"}),
                         ["old-import"])
        self.assertEqual(self.names({"userKeys": ["JIRAUSER10100"], "isUsed": True, "name": "ci"}), [])

    def test_paging_small_pages(self):
        first = self.page({"limit": 3})
        self.assertEqual(([t["name"] for t in first["values"]], first["page"], first["size"],
                          first["isLastPage"], first["totalPages"]),
                         (SEEDED[:3], 0, 3, False, 2))
        second = self.page({"limit": 3, "page": 1})
        self.assertEqual(([t["name"] for t in second["values"]], second["isLastPage"], second["totalPages"]),
                         (SEEDED[3:], True, 2))
        beyond = self.page({"limit": 3, "page": 5})
        self.assertEqual((beyond["values"], beyond["page"], beyond["isLastPage"], beyond["totalPages"]),
                         ([], 5, True, 2))
        empty = self.page({"name": "nothing-like-this"})
        self.assertEqual((empty["values"], empty["isLastPage"], empty["totalPages"]), ([], True, 0))

    def test_invalid_requests_are_400_e5(self):
        self.assert_e5(self.search({"sortBy": None}), 400, INVALID_SORT)
        self.assert_e5(self.search({"sortBy": "owner"}), 400, INVALID_SORT)
        self.assert_e5(self.search({"sortBy": "CreatedAt"}), 400, INVALID_SORT)
        self.assert_e5(self.search({"orderBy": "sideways"}), 400, INVALID_SORT)
        self.assert_e5(self.search({"orderBy": None}), 400, INVALID_SORT)
        self.assert_e5(self.search({"tokenCreatedDateFrom": "yesterday"}), 400, INVALID_DATE)
        self.assert_e5(self.search({"tokenExpiryDateTo": "2025-01-01T00:00:00"}), 400, INVALID_DATE)
        self.assert_e5(self.search({"lastAuthenticatedDateFrom": "2025-13-01T00:00:00Z"}), 400, INVALID_DATE)
        self.assert_e5(self.search({"limit": 0}), 400, ILLEGAL_ARGUMENT)
        self.assert_e5(self.search({"limit": None}), 400, ILLEGAL_ARGUMENT)
        self.assert_e5(self.search({"page": -1}), 400, ILLEGAL_ARGUMENT)
        self.assert_e5(self.search({"page": "first"}), 400, MAPPING)
        self.assert_e5(self.search({"userKeys": "JIRAUSER10100"}), 400, MAPPING)
        self.assert_e5(self.search([]), 400, MAPPING)
        reply = self.session("admin").post(self.url + SEARCH, data=b"{oops",
                                           headers={"Content-Type": "application/json"})
        self.assertEqual(reply.status_code, 400)
        self.assertTrue(reply.json()["exception"].startswith("org.codehaus.jackson."))

    def test_unknown_fields_and_name_expression_are_ignored(self):
        self.assertEqual(self.names({"tokenNameFilterExpression": "zzz", "colour": "blue"}), SEEDED)

    def test_only_sysadmins_may_search(self):
        self.assert_e5(self.search({}, user=None), 401, NOT_AUTHENTICATED)
        body = self.assert_e5(self.search({}, user="alice"), 401, NOT_AUTHORISED)
        self.assertEqual(body["error"], "You must be a system administrator to access this resource")

    def test_user_picker(self):
        admin = self.session("admin")

        def users(**params):
            reply = admin.get(self.url + USERS, params=params)
            self.assertEqual(reply.status_code, 200, reply.text)
            return reply.json()

        self.assertEqual(users(contains="ali"), [ALICE])
        self.assertEqual(users(contains="BAKER"), [BOB])  # display name
        self.assertEqual(users(contains="admin@"), [ADMIN])  # e-mail
        self.assertEqual(users(), [ADMIN, ALICE, BOB])
        self.assertEqual(users(contains="example.test", limit=2), [ADMIN, ALICE])
        self.assertEqual(users(contains="a", limit=0), [])
        self.assertEqual(users(contains="nobody-matches"), [])
        self.assert_e5(self.session("bob").get(self.url + USERS), 401, NOT_AUTHORISED)
        self.assert_e5(self.session().get(self.url + USERS), 401, NOT_AUTHENTICATED)

    def test_search_path_only_takes_post(self):
        self.assertEqual(self.session("admin").get(self.url + SEARCH).status_code, 405)


class AdminBulkDelete(AdminTestCase):
    def create(self, user, name):
        reply = self.session(user).post(self.url + TOKENS, json={"name": name, "expirationDuration": 30})
        self.assertEqual(reply.status_code, 201, reply.text)
        return reply.json()["id"]

    def listed(self, user):
        return {t["id"] for t in self.session(user).get(self.url + TOKENS).json()}

    def test_delete_a_list_of_tokens(self):
        first, second, kept = (self.create("bob", n) for n in ("bulk-1", "bulk-2", "bulk-kept"))
        reply = self.session("admin").delete(self.url + ADMIN_TOKENS, json=[first, second, 999999999999])
        self.assertEqual(reply.status_code, 204)
        self.assertEqual(reply.content, b"")
        remaining = self.listed("bob")
        self.assertNotIn(first, remaining)
        self.assertNotIn(second, remaining)
        self.assertIn(kept, remaining)
        self.assertEqual(self.names({"name": "bulk-"}), ["bulk-kept"])

    def test_empty_list_and_unknown_ids_are_204(self):
        before = self.listed("alice")
        admin = self.session("admin")
        self.assertEqual(admin.delete(self.url + ADMIN_TOKENS, json=[]).status_code, 204)
        self.assertEqual(admin.delete(self.url + ADMIN_TOKENS, json=[1, 2, 3]).status_code, 204)
        self.assertEqual(self.listed("alice"), before)

    def test_malformed_bodies_are_400(self):
        admin = self.session("admin")
        self.assert_e5(admin.delete(self.url + ADMIN_TOKENS, json={"ids": [1]}), 400, MAPPING)
        self.assert_e5(admin.delete(self.url + ADMIN_TOKENS, json=["one"]), 400, MAPPING)
        reply = admin.delete(self.url + ADMIN_TOKENS, data=b"[1,",
                             headers={"Content-Type": "application/json"})
        self.assertEqual(reply.status_code, 400)
        self.assertIn("exception", reply.json())

    def test_only_sysadmins_may_bulk_delete(self):
        victim = self.create("alice", "not-yours")
        self.assert_e5(self.session("alice").delete(self.url + ADMIN_TOKENS, json=[victim]),
                       401, NOT_AUTHORISED)
        self.assert_e5(self.session().delete(self.url + ADMIN_TOKENS, json=[victim]),
                       401, NOT_AUTHENTICATED)
        self.assertIn(victim, self.listed("alice"))


class AdminSearchAtScale(AdminTestCase):
    SIM_ARGS = ("--seed", "scale:250")
    TOTAL = 254  # 250 scale tokens plus the four demo tokens

    def collect(self, body, pages):
        seen = []
        for number in range(pages):
            page = self.page({**body, "page": number})
            self.assertEqual(page["page"], number)
            self.assertEqual(page["isLastPage"], number == pages - 1)
            self.assertEqual(page["totalPages"], pages)
            seen.extend(page["values"])
        return seen

    def test_default_pages_of_100(self):
        tokens = self.collect({}, 3)
        ids = [t["id"] for t in tokens]
        self.assertEqual(len(ids), self.TOTAL)
        self.assertEqual(len(set(ids)), self.TOTAL)  # pages do not overlap
        last = self.page({"page": 2})
        self.assertEqual((len(last["values"]), last["size"]), (54, 100))

    def test_pages_follow_the_sort_order(self):
        tokens = self.collect({"sortBy": "createdAt", "orderBy": "desc", "limit": 40}, 7)
        self.assertEqual(len({t["id"] for t in tokens}), self.TOTAL)
        created = [t["createdAt"] for t in tokens]
        self.assertEqual(created, sorted(created, reverse=True))

    def test_odd_page_size(self):
        first = self.page({"limit": 7})
        self.assertEqual((len(first["values"]), first["totalPages"], first["isLastPage"]), (7, 37, False))
        last = self.page({"limit": 7, "page": 36})
        self.assertEqual((len(last["values"]), last["isLastPage"]), (2, True))

    def test_filter_by_one_scale_user(self):
        page = self.page({"userKeys": ["JIRAUSER20001"], "sortBy": "userKey"})
        self.assertEqual(len(page["values"]), 10)
        self.assertEqual({t["userProfileResource"]["username"] for t in page["values"]}, {"user0001"})


class PatRateLimited(AdminTestCase):
    SIM_ARGS = ("--rate-limit", "3,1,60")

    def assert_limit_headers(self, reply, remaining):
        self.assertEqual(reply.headers["X-RateLimit-Limit"], "3")
        self.assertEqual(reply.headers["X-RateLimit-Remaining"], str(remaining))
        self.assertEqual(reply.headers["X-RateLimit-FillRate"], "1")
        self.assertEqual(reply.headers["X-RateLimit-Interval-Seconds"], "60")

    def test_fourth_basic_request_is_429_json(self):
        alice = self.session("alice")
        for remaining in (2, 1, 0):
            reply = alice.get(self.url + TOKENS)
            self.assertEqual(reply.status_code, 200)
            self.assert_limit_headers(reply, remaining)
            self.assertEqual(reply.headers["Retry-After"], "0")
        limited = alice.get(self.url + TOKENS)
        self.assertEqual(limited.status_code, 429)
        self.assert_limit_headers(limited, 0)
        self.assertTrue(limited.headers["Content-Type"].startswith("application/json"))
        self.assertEqual(set(limited.json()), {"message"})  # E9
        self.assertTrue(1 <= int(limited.headers["Retry-After"]) <= 60)

    def test_429_is_html_without_json_accept(self):
        bob = self.session("bob")
        bob.headers["Accept"] = "*/*"
        for _ in range(3):
            self.assertEqual(bob.get(self.url + TOKENS).status_code, 200)
        limited = bob.get(self.url + TOKENS)
        self.assertEqual(limited.status_code, 429)
        self.assertTrue(limited.headers["Content-Type"].startswith("text/html"))
        self.assertIn("Retry-After", limited.headers)

    def test_bearer_pat_requests_count_and_refill_after_the_interval(self):
        admin = self.session("admin")
        created = admin.post(self.url + TOKENS, json={"name": "rate-limited", "expirationDuration": 5})
        self.assertEqual(created.status_code, 201)
        bearer = self.session()
        bearer.headers["Authorization"] = "Bearer " + created.json()["rawToken"]
        self.assertEqual(bearer.get(self.url + TOKENS).status_code, 200)
        self.assertEqual(bearer.post(self.url + SEARCH, json={}).status_code, 200)
        limited = bearer.get(self.url + TOKENS)
        self.assertEqual(limited.status_code, 429)
        self.assert_limit_headers(limited, 0)
        self.sim.advance_clock(60)
        refilled = bearer.get(self.url + TOKENS)
        self.assertEqual(refilled.status_code, 200)
        self.assert_limit_headers(refilled, 0)


if __name__ == "__main__":
    unittest.main()
