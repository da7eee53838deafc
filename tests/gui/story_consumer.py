"""The consumer of the end-to-end story (tst_story_oauth1): an application that talks to the
tracker with OAuth 1.0a (RSA-SHA1) through Debian's python3-requests-oauthlib.

Each step is one run; what a step learns is kept in the state file (mode 0600) for the next.
Nothing secret is printed: tokens, secrets and keys stay in the state file.

  story_consumer.py setup STATE BASE_URL   admin registers the consumer (link + RSA key)
  story_consumer.py adopt STATE BASE_URL KEY PRIVATE_KEY_FILE
                                           uses a consumer an admin approved elsewhere (in AccessDesk)
  story_consumer.py request-token STATE    prints {"authorizeUrl": ...}
  story_consumer.py access-token STATE     reads the verification code on stdin; prints {"ok": ...}
  story_consumer.py read STATE             signed reads; prints what the tracker let it see
"""
import json
import os
import sys
import warnings

import requests
from oauthlib.oauth1 import SIGNATURE_RSA
from requests_oauthlib import OAuth1, OAuth1Session

# The admin's half (keys, links, consumers) is the conformance tests' own helper. The test runs
# this script from the source tree, which must stay free of bytecode caches.
sys.dont_write_bytecode = True
sys.path.insert(0, os.path.normpath(os.path.join(os.path.dirname(__file__), os.pardir, "conformance")))
from oauth1help import (ACCESS_TOKEN, AUTHORIZE, REQUEST_TOKEN, RsaKey, admin_session,  # noqa: E402
                        consumer_url, create_generic_link)

CONSUMER_KEY = "story-reader"
CONSUMER_NAME = "Story Reader"
DESCRIPTION = "Story Reader reads your issues to write the weekly report. https://reader.example.test"


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def save(path, state):
    fd = os.open(path + ".new", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump(state, f)
    os.replace(path + ".new", path)


def fail(message):
    print(json.dumps({"error": message}))
    sys.exit(1)


def setup(path, base):
    key = RsaKey()
    link_id = create_generic_link(base, CONSUMER_NAME, "http://reader.example.test")
    reply = admin_session().put(consumer_url(base, link_id), json={
        "key": CONSUMER_KEY, "name": CONSUMER_NAME, "description": DESCRIPTION,
        "publicKey": key.public_pem})
    if reply.status_code != 201:
        fail(f"registering the consumer answered {reply.status_code}")
    save(path, {"base": base, "privateKey": key.private_pem})
    print(json.dumps({"ok": True, "consumer": CONSUMER_NAME}))


def adopt(path, base, key, private_key_file):
    with open(private_key_file, encoding="ascii") as f:
        private_key = f.read()
    save(path, {"base": base, "privateKey": private_key, "consumerKey": key})
    print(json.dumps({"ok": True, "consumer": key}))


def consumer_key(state):
    return state.get("consumerKey", CONSUMER_KEY)


def request_token(path):
    state = load(path)
    oauth = OAuth1Session(consumer_key(state), signature_method=SIGNATURE_RSA, rsa_key=state["privateKey"],
                          callback_uri="oob")
    token = oauth.fetch_request_token(state["base"] + REQUEST_TOKEN)
    state["requestToken"] = token["oauth_token"]
    state["requestSecret"] = token["oauth_token_secret"]
    save(path, state)
    # The request token alone is not a secret: it is meant to travel in this link.
    print(json.dumps({"authorizeUrl": oauth.authorization_url(state["base"] + AUTHORIZE)}))


def access_token(path):
    state = load(path)
    verifier = sys.stdin.readline().strip()
    if not verifier:
        fail("no verification code on standard input")
    oauth = OAuth1Session(consumer_key(state), signature_method=SIGNATURE_RSA,
                          rsa_key=state["privateKey"], resource_owner_key=state["requestToken"],
                          resource_owner_secret=state["requestSecret"], verifier=verifier)
    token = oauth.fetch_access_token(state["base"] + ACCESS_TOKEN)
    state["accessToken"] = token["oauth_token"]
    state["accessSecret"] = token["oauth_token_secret"]
    save(path, state)
    print(json.dumps({"ok": True}))


def read(path):
    state = load(path)
    auth = OAuth1(consumer_key(state), signature_method=SIGNATURE_RSA, rsa_key=state["privateKey"],
                  resource_owner_key=state["accessToken"], resource_owner_secret=state["accessSecret"])
    seen = {}
    for name, resource in (("SEC-1", "/rest/api/2/issue/SEC-1"), ("PUB-1", "/rest/api/2/issue/PUB-1"),
                           ("myself", "/rest/api/2/myself")):
        reply = requests.get(state["base"] + resource, auth=auth,
                             headers={"Accept": "application/json"})
        body = reply.json() if reply.headers.get("Content-Type", "").startswith("application/json") else {}
        seen[name] = {
            "status": reply.status_code,
            "summary": body.get("fields", {}).get("summary") if isinstance(body, dict) else None,
            "name": body.get("name") if isinstance(body, dict) else None,
            "user": reply.headers.get("X-AUSERNAME"),
            "challenge": reply.headers.get("WWW-Authenticate"),
        }
    print(json.dumps(seen))


def main():
    warnings.simplefilter("ignore", ResourceWarning)
    if len(sys.argv) < 3:
        fail("usage: story_consumer.py setup|adopt|request-token|access-token|read STATE [BASE_URL ...]")
    step, path = sys.argv[1], sys.argv[2]
    try:
        if step == "setup":
            setup(path, sys.argv[3].rstrip("/"))
        elif step == "adopt":
            adopt(path, sys.argv[3].rstrip("/"), sys.argv[4], sys.argv[5])
        elif step == "request-token":
            request_token(path)
        elif step == "access-token":
            access_token(path)
        elif step == "read":
            read(path)
        else:
            fail(f"unknown step {step}")
    except Exception as error:  # the test prints this line; it names the problem, not a secret
        fail(f"{type(error).__name__}: {str(error)[:300]}")


if __name__ == "__main__":
    main()
