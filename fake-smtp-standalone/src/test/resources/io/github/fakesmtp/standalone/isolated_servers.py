"""End-to-end tests of an imaginary app, in Python, run in parallel: each test gets an isolated fake-smtp
server of its own, so parallel tests never see each other's mail or faults.

Usage: python3 isolated_servers.py API_BASE TESTS WORKERS
"""
import json
import smtplib
import sys
import threading
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from email.message import EmailMessage

API = sys.argv[1] + "/api/v1"
TESTS = int(sys.argv[2])
WORKERS = int(sys.argv[3])


def call(method, path, body=None):
    request = urllib.request.Request(API + path, method=method,
                                     data=None if body is None else json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=70) as response:
        payload = response.read()
        return json.loads(payload) if payload.strip() else None


def send(server, to, subject):
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "app@example.com", to, subject
    message.set_content("Hello " + to)
    with smtplib.SMTP(server["smtpHost"], server["smtpPort"], timeout=20) as smtp:
        smtp.send_message(message)


live = {"now": 0, "most": 0}
lock = threading.Lock()


def a_test(number):
    """Sign-up mail for a user of this test, then a rejected recipient: all on the test's own server."""
    server = call("POST", "/servers", {"users": ["app:s3cret"]})
    base = "/servers/" + server["id"]
    with lock:
        live["now"] += 1
        live["most"] = max(live["most"], live["now"])
    try:
        user = "user%d@example.com" % number
        send(server, user, "Welcome %d" % number)
        found = call("GET", base + "/messages?to=" + user + "&wait=PT30S")
        assert found["complete"], found
        everything = call("GET", base + "/messages")["messages"]
        assert [m["subject"] for m in everything] == ["Welcome %d" % number], everything

        call("POST", base + "/faults", {"phase": "RCPT", "address": "gone@example.com",
                                         "reply": {"code": 550, "enhancedCode": "5.1.1", "text": "User unknown"}})
        try:
            send(server, "gone@example.com", "never")
            raise AssertionError("the recipient should have been refused")
        except smtplib.SMTPRecipientsRefused as refused:
            assert refused.recipients["gone@example.com"][0] == 550, refused.recipients
        faults = call("GET", base + "/faults")["faults"]
        assert [f["fired"] for f in faults] == [1], faults
        rejections = call("GET", base + "/rejections")["rejections"]
        assert [r["code"] for r in rejections] == [550], rejections
    finally:
        with lock:
            live["now"] -= 1
        call("DELETE", base)


with ThreadPoolExecutor(max_workers=WORKERS) as pool:
    list(pool.map(a_test, range(TESTS)))

assert [s["id"] for s in call("GET", "/servers")["servers"]] == ["default"], "every test deleted its server"
print("isolated servers: %d tests on %d threads, each on a server of its own, at most %d servers at once"
      % (TESTS, WORKERS, live["most"]))
