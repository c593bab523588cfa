"""Take screenshots of pages of the running demo server as a logged-in user.

Usage: .venv/bin/python tools/screenshot.py LOGIN OUTPUT.png URL_PATH [WIDTH HEIGHT]

Logs in over JSON-RPC, hands the session cookie to headless Chromium through the
DevTools protocol, opens the page, waits until the web client is idle and saves
a PNG. Only talks to the server on 127.0.0.1.
"""

import base64
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

import requests
import websocket

SERVER = "http://127.0.0.1:%s" % os.environ.get("HTTP_PORT", "8069")
DATABASE = os.environ.get("DEMO_DB", "billing_kpi_demo")


def login(user):
    session = requests.Session()
    response = session.post(
        SERVER + "/web/session/authenticate",
        json={"params": {"db": DATABASE, "login": user, "password": user}},
        timeout=30,
    )
    response.raise_for_status()
    if response.json().get("error"):
        raise SystemExit("login %s failed: %s" % (user, response.json()["error"]["message"]))
    return session.cookies["session_id"]


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_browser(profile):
    port = free_port()
    command = [
        "chromium",
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--remote-debugging-address=127.0.0.1",
        "--remote-debugging-port=%d" % port,
        "--user-data-dir=%s" % profile,
        "about:blank",
    ]
    browser = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(50):
        try:
            with urllib.request.urlopen("http://127.0.0.1:%d/json" % port, timeout=2) as reply:
                pages = [target for target in json.load(reply) if target["type"] == "page"]
            if pages:
                return browser, pages[0]["webSocketDebuggerUrl"]
        except OSError:
            pass
        time.sleep(0.2)
    browser.kill()
    raise SystemExit("Chromium did not open its DevTools port %d" % port)


class DevTools:
    def __init__(self, url):
        self.socket = websocket.create_connection(url, timeout=60, suppress_origin=True)
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        self.socket.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError("%s failed: %s" % (method, message["error"]))
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")


def main():
    user, output, path = sys.argv[1:4]
    width, height = (int(value) for value in (sys.argv[4:6] or (1280, 800)))
    cookie = login(user)
    # Chromium may still write to its profile while it exits.
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
        browser, url = start_browser(profile)
        try:
            tools = DevTools(url)
            tools.call(
                "Emulation.setDeviceMetricsOverride",
                width=width,
                height=height,
                deviceScaleFactor=1,
                mobile=width < 600,
            )
            tools.call("Network.enable")
            tools.call("Network.setCookie", name="session_id", value=cookie, url=SERVER)
            tools.call("Page.navigate", url=SERVER + path)
            # Wait for the web client to render and finish its RPCs.
            deadline = time.time() + 30
            while time.time() < deadline:
                ready = tools.evaluate(
                    "document.readyState === 'complete'"
                    " && !!document.querySelector('.o_action_manager > *')"
                )
                if ready:
                    break
                time.sleep(0.5)
            time.sleep(2.5)
            shot = tools.call("Page.captureScreenshot", format="png")
            with open(output, "wb") as file:
                file.write(base64.b64decode(shot["data"]))
        finally:
            browser.terminate()
            try:
                browser.wait(timeout=10)
            except subprocess.TimeoutExpired:
                browser.kill()
                browser.wait()
    print(output)


if __name__ == "__main__":
    main()
