"""Starts a real trackersim for a test and talks to its control interface.

The binary comes from the TRACKERSIM environment variable (CTest sets it). Every instance listens
on a free loopback port and is stopped when the test ends.
"""
import http.server
import json
import os
import socket
import subprocess
import threading
import unittest
import urllib.parse
import urllib.request

import requests


def free_port(avoid=()):
    """A loopback port nothing listens on right now (and not one of `avoid`)."""
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port not in avoid:
            return port


def origin_of(url):
    """scheme://host:port of a URL, without the context path: what a browser sends as Origin."""
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


class Sim:
    """A trackersim started with the flags args. binary defaults to $TRACKERSIM. stderr is where its
    log goes: a pipe by default, whose text explains an early exit; a caller that makes it log a
    lot without reading it (tests/bench seeds 100,000 tokens) passes subprocess.DEVNULL, since a
    full pipe would block trackersim."""

    def __init__(self, *args, binary=None, stderr=subprocess.PIPE):
        binary = binary or os.environ.get("TRACKERSIM")
        if not binary:
            raise RuntimeError("set TRACKERSIM to the trackersim executable (CTest does)")
        self.args = args
        self.binary = binary
        self.stderr = stderr
        self.process = subprocess.Popen(
            [binary, "--port", "0", *args],
            stdout=subprocess.PIPE, stderr=stderr, text=True)
        self.fingerprint = None
        while True:
            line = self.process.stdout.readline()
            if not line:
                said = self.process.stderr.read() if self.process.stderr else "(its log is not kept)"
                raise RuntimeError("trackersim exited early: " + said)
            if line.startswith("trackersim certificate sha256 "):
                self.fingerprint = line.split()[-1]
            if line.startswith("trackersim listening on "):
                self.url = line.split()[-1]
                break

    @property
    def port(self):
        # The announced URL may end in a context path (TRACKERSIM_CONTEXT_PATH=/jira).
        return urllib.parse.urlsplit(self.url).port

    @property
    def context_path(self):
        """"" or e.g. "/jira": where Jira answers below the host."""
        return urllib.parse.urlsplit(self.url).path

    def restarted_elsewhere(self):
        """Stops this trackersim and starts it again with the same flags on another free port, as
        after a server move; with --data it keeps its state."""
        self.stop()
        return Sim(*self.args, "--port", str(free_port(avoid=(self.port,))), binary=self.binary,
                   stderr=self.stderr)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process.stdout.close()
        if self.process.stderr:
            self.process.stderr.close()

    # --- control interface (loopback only) ---
    def control(self, method, what, body=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + "/__trackersim/" + what, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as reply:
            text = reply.read()
            return json.loads(text) if text else None

    def add_fault(self, **fault):
        return self.control("POST", "faults", fault)["id"]

    def clear_faults(self):
        self.control("DELETE", "faults")

    def advance_clock(self, seconds):
        self.control("POST", "clock", {"advanceSeconds": seconds})


class PlainSite:
    """A web site that is no Atlassian application: an HTML page at /, 404 for anything else."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            found = self.path == "/"
            body = b"<html><body><h1>Just a web site</h1></body></html>" if found else b"<h1>404</h1>"
            self.send_response(200 if found else 404)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    def __init__(self):
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), self.Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


class SimTestCase(unittest.TestCase):
    """One trackersim per test class; SIM_ARGS adds command-line flags."""
    SIM_ARGS = ()

    @classmethod
    def setUpClass(cls):
        cls.sim = Sim(*cls.SIM_ARGS)
        cls.url = cls.sim.url

    @classmethod
    def tearDownClass(cls):
        cls.sim.stop()

    def tearDown(self):
        self.sim.clear_faults()

    def session(self, user=None, password=None):
        """A requests session that behaves like a non-browser REST client."""
        s = requests.Session()
        s.headers.update({"Accept": "application/json", "User-Agent": "conformance-tests/1.0"})
        if user:
            s.auth = (user, password if password is not None else user)
        return s
