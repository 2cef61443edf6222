"""Smoke test of the running test LRS (Ralph behind shim.py): what a cmi5 AU relies on.

    tests/lrs/.venv/bin/python tests/lrs/smoke.py [BASE_URL]

BASE_URL (or $LRS_URL) is the first line `tests/lrs/start` prints. Credentials:
$LRS_USER / $LRS_PASSWORD, defaulting to start's. Starts nothing; standard library only.
Each run uses a fresh registration, so it can run again against the same LRS.
Exits 1 with the failed checks listed, 0 when all pass.
"""

import base64
import json
import os
import sys
import urllib.error
import urllib.request
import uuid
from urllib.parse import urlencode

BASE = (sys.argv[1] if len(sys.argv) > 1 else os.environ.get("LRS_URL", "")).rstrip("/")
if not BASE:
    sys.exit("usage: smoke.py BASE_URL (or set LRS_URL): the URL tests/lrs/start printed")
BASE = BASE.removesuffix("/xAPI")
USER = os.environ.get("LRS_USER", "kursverk")
PASSWORD = os.environ.get("LRS_PASSWORD", "kursverk-lrs-test")
VERBS = "http://adlnet.gov/expapi/verbs/"
COURSE = "https://kursverk.invalid/courses/smoke"
ACTOR = {"objectType": "Agent", "mbox": "mailto:learner@example.com", "name": "Learner"}
REGISTRATION = str(uuid.uuid4())
SESSION = str(uuid.uuid4())


def call(method, path, query=None, body=None, content_type="application/json",
         version="1.0.3", password=PASSWORD, headers=()):
    """(status, parsed JSON or raw bytes, headers) of one request."""
    url = BASE + path + ("?" + urlencode(query) if query else "")
    data = body if isinstance(body, bytes) or body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    credentials = base64.b64encode(f"{USER}:{password}".encode()).decode()
    request.add_header("Authorization", "Basic " + credentials)
    if version:
        request.add_header("X-Experience-API-Version", version)
    if data is not None:
        request.add_header("Content-Type", content_type)
    for name, value in headers:
        request.add_header(name, value)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            status, raw, got = response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        status, raw, got = error.code, error.read(), error.headers
    except OSError as error:
        sys.exit(f"smoke: cannot reach {url}: {error} (is the LRS started? tests/lrs/start)")
    try:
        return status, json.loads(raw), got
    except ValueError:
        return status, raw, got


def statement(verb, seconds, **extra):
    return {
        "id": str(uuid.uuid4()),
        "actor": ACTOR,
        "verb": {"id": VERBS + verb, "display": {"en-US": verb}},
        "object": {"objectType": "Activity", "id": COURSE},
        "timestamp": f"2026-01-01T10:00:{seconds:02d}.000Z",
        "context": {
            "registration": REGISTRATION,
            "contextActivities": {"category": [{"id": "https://w3id.org/xapi/cmi5/context/categories/cmi5"}]},
            "extensions": {"https://w3id.org/xapi/cmi5/context/extensions/sessionid": SESSION},
        },
        **extra,
    }


results = []


def check(name, ok, detail=""):
    results.append((name, bool(ok)))
    print(f"{'ok  ' if ok else 'FAIL'} {name}" + ("" if ok else f": {str(detail)[:400]}"))


def statements_of(answer):
    """The statements of a GET /xAPI/statements answer; [] for anything else."""
    found = answer.get("statements") if isinstance(answer, dict) else None
    return found if isinstance(found, list) else []


def verbs_of(answer):
    return [s.get("verb", {}).get("id", "?").removeprefix(VERBS) for s in statements_of(answer)]


# --- server and headers -------------------------------------------------------------
status, body, headers = call("GET", "/xAPI/about", version=None)
check("GET /xAPI/about lists 1.0.3", status == 200 and "1.0.3" in body.get("version", []), (status, body))
check("responses carry X-Experience-API-Version", headers.get("X-Experience-API-Version") == "1.0.3", dict(headers))
status, body, _ = call("GET", "/xAPI/statements", {"registration": REGISTRATION}, version=None)
check("a request without X-Experience-API-Version gets 400", status == 400, (status, body))
status, body, _ = call("GET", "/xAPI/statements", {"registration": REGISTRATION}, password="wrong")
check("a wrong password gets 401", status == 401, (status, body))
status, _, headers = call("OPTIONS", "/xAPI/statements", version=None, headers=[
    ("Origin", "http://127.0.0.1:4321"), ("Access-Control-Request-Method", "POST"),
    ("Access-Control-Request-Headers", "authorization,content-type,x-experience-api-version")])
check("CORS preflight from a loopback origin is allowed",
      status == 200 and headers.get("Access-Control-Allow-Origin") == "http://127.0.0.1:4321"
      and "x-experience-api-version" in headers.get("Access-Control-Allow-Headers", "").lower(),
      (status, dict(headers)))

# --- statements: two separate batches, then one PUT ---------------------------------
initialized = statement("initialized", 1)
completed = statement("completed", 2, result={"completion": True, "duration": "PT1M"})
terminated = statement("terminated", 3, result={"duration": "PT1M5S"})
status, body, _ = call("POST", "/xAPI/statements", body=[initialized])
check("POST a first batch (initialized)", status == 200 and body == [initialized["id"]], (status, body))
status, body, _ = call("POST", "/xAPI/statements", body=[completed])
check("POST a second batch (completed) is stored too", status == 200 and body == [completed["id"]], (status, body))
status, body, _ = call("PUT", "/xAPI/statements", {"statementId": terminated["id"]}, body=terminated)
check("PUT a statement (terminated)", status == 204, (status, body))

# --- queries --------------------------------------------------------------------------
status, body, _ = call("GET", "/xAPI/statements", {"registration": REGISTRATION})
check("GET by registration: all three, newest first",
      status == 200 and verbs_of(body) == ["terminated", "completed", "initialized"], (status, verbs_of(body)))
if statements_of(body):
    got = statements_of(body)[-1]
    check("a statement comes back as sent, with stored and authority",
          got["id"] == initialized["id"] and got["actor"]["mbox"] == ACTOR["mbox"]
          and got["context"]["registration"] == REGISTRATION and "stored" in got and "authority" in got, got)
status, body, _ = call("GET", "/xAPI/statements", {"registration": REGISTRATION, "ascending": "true"})
check("ascending=true: oldest first",
      verbs_of(body) == ["initialized", "completed", "terminated"], (status, verbs_of(body)))
status, body, _ = call("GET", "/xAPI/statements", {"registration": REGISTRATION, "verb": VERBS + "completed"})
check("GET by registration and verb",
      status == 200 and [s.get("id") for s in statements_of(body)] == [completed["id"]], (status, verbs_of(body)))
status, body, _ = call("GET", "/xAPI/statements", {"verb": VERBS + "initialized", "activity": COURSE,
                                                   "agent": json.dumps({"mbox": ACTOR["mbox"]})})
check("GET by verb, activity and agent (other runs' statements may come too)",
      status == 200 and initialized["id"] in [s.get("id") for s in statements_of(body)]
      and set(verbs_of(body)) == {"initialized"}, (status, verbs_of(body)))
status, body, _ = call("GET", "/xAPI/statements", {"registration": REGISTRATION, "activity": COURSE + "/other"})
check("GET by another activity: none", status == 200 and isinstance(body, dict) and statements_of(body) == [], (status, body))
status, body, _ = call("GET", "/xAPI/statements", {"registration": str(uuid.uuid4())})
check("GET by another registration: none", status == 200 and isinstance(body, dict) and statements_of(body) == [], (status, body))
status, body, _ = call("GET", "/xAPI/statements", {"statementId": completed["id"]})
# Ralph 5.1.0 wraps it as {"statements": [it]}; xAPI says the bare statement. Both pass.
one = (statements_of(body) or [None])[0] if isinstance(body, dict) and "statements" in body else body
check("GET one statement by statementId",
      status == 200 and isinstance(one, dict) and one.get("id") == completed["id"], (status, body))
status, body, _ = call("POST", "/xAPI/statements", body=[initialized, completed])
status2, body2, _ = call("GET", "/xAPI/statements", {"registration": REGISTRATION})
# Ralph answers 204 (no body) when every statement of a POST is already stored.
check("POSTing the same statements again (a retry) stores no duplicates",
      status in (200, 204) and len(statements_of(body2)) == 3, (status, body, verbs_of(body2)))
status, page1, _ = call("GET", "/xAPI/statements", {"registration": REGISTRATION, "limit": 2})
more = page1.get("more") if isinstance(page1, dict) else None  # a path, e.g. /xAPI/statements?...
status2, page2, _ = call("GET", more) if more else (None, {}, None)
check("limit=2 and the more link page through all three",
      verbs_of(page1) == ["terminated", "completed"] and verbs_of(page2) == ["initialized"],
      (verbs_of(page1), more, verbs_of(page2)))

# --- the State API (as a cmi5 LMS writes LMS.LaunchData and the AU its own state) ----
scope = {"activityId": COURSE, "agent": json.dumps({"objectType": "Agent", "mbox": ACTOR["mbox"]}),
         "registration": REGISTRATION}
launch_data = {"contextTemplate": {"extensions": {"https://w3id.org/xapi/cmi5/context/extensions/sessionid": SESSION}},
               "launchMode": "Normal", "moveOn": "Completed", "masteryScore": 0.8}
status, body, _ = call("PUT", "/xAPI/activities/state", {**scope, "stateId": "LMS.LaunchData"}, body=launch_data)
check("PUT a state document (LMS.LaunchData)", status == 204, (status, body))
status, body, headers = call("GET", "/xAPI/activities/state", {**scope, "stateId": "LMS.LaunchData"})
check("GET it back, same JSON", status == 200 and body == launch_data
      and headers.get("Content-Type", "").startswith("application/json"), (status, body))
status, body, _ = call("PUT", "/xAPI/activities/state", {**scope, "stateId": "kursverk.state"},
                       body=b"p=3;a=1,2", content_type="text/plain")
status, body, headers = call("GET", "/xAPI/activities/state", {**scope, "stateId": "kursverk.state"})
check("a text document keeps its bytes and type", status == 200 and body == b"p=3;a=1,2"
      and headers.get("Content-Type", "").startswith("text/plain"), (status, body, dict(headers)))
status, body, _ = call("POST", "/xAPI/activities/state", {**scope, "stateId": "LMS.LaunchData"},
                       body={"returnURL": "http://127.0.0.1/back"})
status, body, _ = call("GET", "/xAPI/activities/state", {**scope, "stateId": "LMS.LaunchData"})
check("POST merges JSON objects", body == {**launch_data, "returnURL": "http://127.0.0.1/back"}, body)
status, body, _ = call("GET", "/xAPI/activities/state", scope)
check("GET without stateId lists the ids", status == 200 and sorted(body) == ["LMS.LaunchData", "kursverk.state"], body)
other = {**scope, "registration": str(uuid.uuid4()), "stateId": "LMS.LaunchData"}
status, body, _ = call("GET", "/xAPI/activities/state", other)
status2, _, _ = call("GET", "/xAPI/activities/state", {**scope, "stateId": "LMS.LaunchData"})
check("another registration does not see it", status == 404 and status2 == 200, (status, status2))
status, body, _ = call("GET", "/xAPI/activities/state", {**scope, "stateId": "LMS.LaunchData"}, version=None)
check("State without X-Experience-API-Version gets 400", status == 400, (status, body))
status, body, _ = call("DELETE", "/xAPI/activities/state", {**scope, "stateId": "kursverk.state"})
status2, _, _ = call("GET", "/xAPI/activities/state", {**scope, "stateId": "kursverk.state"})
check("DELETE one document", status == 204 and status2 == 404, (status, status2))
status, body, _ = call("DELETE", "/xAPI/activities/state", scope)
status2, body2, _ = call("GET", "/xAPI/activities/state", scope)
check("DELETE without stateId clears the scope", status == 204 and body2 == [], (status, body2))

failed = [name for name, ok in results if not ok]
print(f"smoke: {len(results) - len(failed)} passed, {len(failed)} failed")
if failed:
    print(f"smoke: the test LRS at {BASE} failed {len(failed)} checks (FAIL lines above)", file=sys.stderr)
    sys.exit(1)
