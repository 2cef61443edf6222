"""Kursverk's test LRS: Ralph's own FastAPI app, behind a thin layer for what it lacks.

Ralph (ralph-malph 5.1.0) stores, filters and returns the statements: its file-system
backend keeps them as JSON lines in $LRS_RUN_DIR/statements/fs_lrs.jsonl, and every
/xAPI/statements request reaches Ralph's own router. This module only adds or fixes what
a cmi5 AU and our tests need and Ralph 5.1.0 does not do (see README.md for evidence):

1. Appends. The file-system backend writes with the "create" operation, so the first
   statement batch creates its file and every later POST or PUT answers 500 ("already
   exists and overwrite is not allowed"). Patched: the backend appends.
2. Queries. The `verb` and `activity` filters compare a statement's string with a pydantic
   IRI object and never match; `ascending`, `related_activities` and `related_agents`
   reach the backend unparsed (the string "false" counts as true); the file is read oldest
   first where xAPI says newest first. Patched in the backend's query: the filters get
   strings, the flags booleans, the order follows xAPI, and `limit` / the `more` link page
   through that order. (Ralph's own `related_activities` match, object or any context
   activity or a SubStatement's, is right once it gets a boolean.)
3. The xAPI State resource (/xAPI/activities/state), which Ralph does not have and a cmi5
   AU needs (LMS.LaunchData, its own saved state); and /xAPI/about.
4. The version header: every response carries `X-Experience-API-Version: 1.0.3`, and an
   /xAPI/ request without a 1.0.x version header gets 400, as the spec requires (Ralph
   ignores the header, so a course that forgets it would pass unnoticed).
5. CORS for loopback origins, so a course served on 127.0.0.1:<any port> can call it.

Run by ./start (uvicorn shim:app); configured by LRS_RUN_DIR and Ralph's RALPH_* variables.
"""

import base64
import json
import os
import re
from datetime import datetime, timezone
from pathlib import Path
from uuid import UUID

RUN = Path(os.environ.get("LRS_RUN_DIR", Path(__file__).resolve().parent / "run"))
# Ralph reads its settings from the environment when imported: set them first.
os.environ.setdefault("RALPH_RUNSERVER_BACKEND", "fs")
os.environ.setdefault(
    "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH", str(RUN / "statements")
)
os.environ.setdefault("RALPH_AUTH_FILE", str(RUN / "auth.json"))
os.environ.setdefault("RALPH_HISTORY_FILE", str(RUN / "history.json"))
os.environ.setdefault("RALPH_APP_DIR", str(RUN))

from fastapi import FastAPI, HTTPException, Request, Response, Security  # noqa: E402
from fastapi.middleware.cors import CORSMiddleware  # noqa: E402
from fastapi.responses import JSONResponse  # noqa: E402
from ralph.backends.data.base import BaseOperationType  # noqa: E402
from ralph.backends.lrs.base import StatementQueryResult  # noqa: E402
from ralph.backends.lrs.fs import FSLRSBackend  # noqa: E402

# --- 1. Appends -----------------------------------------------------------------------
FSLRSBackend.default_operation_type = BaseOperationType.APPEND

# --- 2. Queries -----------------------------------------------------------------------
_ralph_query_statements = FSLRSBackend.query_statements


def _query_statements(self, params, target=None):
    """Ralph's own query with string filters, in xAPI's order, paged in that order."""
    for name in ("verb", "activity"):  # IRI objects never equal the stored strings
        if getattr(params, name, None) is not None:
            setattr(params, name, str(getattr(params, name)))
    # The router hands the query string's raw values on: "false" would count as true.
    for name in ("related_activities", "related_agents"):
        setattr(params, name, str(getattr(params, name, False)).lower() in ("true", "1"))
    ascending = str(params.ascending).lower() in ("true", "1")
    limit, after = params.limit or 0, params.search_after
    params.limit, params.search_after, params.ascending = 0, None, False
    found = _ralph_query_statements(self, params, target).statements  # oldest first
    if not ascending:
        found.reverse()  # xAPI: newest first unless ascending=true
    if after:  # the `more` link: continue after the last statement of the page before
        ids = [statement.get("id") for statement in found]
        found = found[ids.index(after) + 1 :] if after in ids else []
    page = found[:limit] if limit else found
    more = limit and len(found) > limit
    return StatementQueryResult(
        statements=page, pit_id=None, search_after=page[-1]["id"] if more else None
    )


FSLRSBackend.query_statements = _query_statements

from ralph.api import app as ralph_app  # noqa: E402
from ralph.api.auth import get_authenticated_user  # noqa: E402

app = FastAPI(title="Kursverk test LRS", docs_url=None, redoc_url=None, openapi_url=None)

# --- 3. State resource and /xAPI/about ------------------------------------------------
# One document per (activityId, agent, registration, stateId), kept in memory and in
# $LRS_RUN_DIR/state.json. No ETags and no `since` (not needed by cmi5).
STATE_FILE = RUN / "state.json"
_states = {}
if STATE_FILE.exists():
    for doc in json.loads(STATE_FILE.read_text()):
        _states[tuple(doc["key"])] = doc


def _save_states():
    STATE_FILE.write_text(json.dumps(list(_states.values())))


def _state_scope(request: Request, with_state_id: bool):
    """(activityId, agent, registration) from the query, and stateId; 400 if wrong."""
    query = request.query_params
    activity_id, state_id = query.get("activityId"), query.get("stateId")
    if not activity_id or "agent" not in query:
        raise HTTPException(400, "activityId and agent are required")
    if with_state_id and not state_id:
        raise HTTPException(400, "stateId is required")
    try:
        agent = json.loads(query["agent"])
        registration = str(UUID(query["registration"])) if "registration" in query else ""
    except ValueError as error:
        raise HTTPException(400, f"agent or registration is invalid: {error}") from error
    # An agent is identified by its one inverse functional identifier.
    account = agent.get("account") if isinstance(agent, dict) else None
    if isinstance(account, dict) and account.get("homePage") and account.get("name"):
        agent_key = f"account:{account['homePage']}|{account['name']}"
    else:
        ifis = [f"{k}:{agent[k]}" for k in ("mbox", "mbox_sha1sum", "openid")
                if isinstance(agent, dict) and agent.get(k)]
        if not ifis:
            raise HTTPException(400, "agent has no mbox, mbox_sha1sum, openid or account")
        agent_key = ifis[0]
    return (activity_id, agent_key, registration), state_id


def _json_object(body: bytes, content_type: str):
    """The document as a dict if it is a JSON object, else None."""
    if not content_type.startswith("application/json"):
        return None
    try:
        value = json.loads(body)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


@app.get("/xAPI/activities/state")
async def get_state(request: Request, _=Security(get_authenticated_user, scopes=["state/read"])):
    scope, state_id = _state_scope(request, with_state_id=False)
    if not state_id:  # the ids of all documents in this scope
        return [doc["key"][3] for key, doc in _states.items() if key[:3] == scope]
    doc = _states.get((*scope, state_id))
    if doc is None:
        raise HTTPException(404, "no such state document")
    return Response(base64.b64decode(doc["body"]), media_type=doc["contentType"])


@app.api_route("/xAPI/activities/state", methods=["PUT", "POST", "DELETE"])
async def write_state(request: Request, _=Security(get_authenticated_user, scopes=["state/write"])):
    scope, state_id = _state_scope(request, with_state_id=request.method != "DELETE")
    if request.method == "DELETE":
        for key in [key for key in _states if key[:3] == scope and state_id in (None, key[3])]:
            del _states[key]
    else:
        body = await request.body()
        content_type = request.headers.get("content-type", "application/octet-stream")
        old = _states.get((*scope, state_id))
        if request.method == "POST" and old is not None:  # POST merges JSON objects
            old_object = _json_object(base64.b64decode(old["body"]), old["contentType"])
            new_object = _json_object(body, content_type)
            if old_object is None or new_object is None:
                raise HTTPException(400, "POST merges JSON objects only; use PUT")
            body, content_type = json.dumps({**old_object, **new_object}).encode(), "application/json"
        _states[(*scope, state_id)] = {
            "key": [*scope, state_id],
            "contentType": content_type,
            "body": base64.b64encode(body).decode(),
            "updated": datetime.now(timezone.utc).isoformat(),
        }
    _save_states()
    return Response(status_code=204)


@app.get("/xAPI/about")
async def about():
    return {"version": ["1.0.3"]}


# --- 4. Version header ----------------------------------------------------------------
XAPI_VERSION = re.compile(r"1\.0(\.\d+)?")


@app.middleware("http")
async def xapi_version(request: Request, call_next):
    if (
        request.url.path.startswith("/xAPI/")
        and request.url.path != "/xAPI/about"
        and not XAPI_VERSION.fullmatch(request.headers.get("x-experience-api-version", ""))
    ):
        response = JSONResponse(
            {"detail": "X-Experience-API-Version header missing or not 1.0.x"}, 400
        )
    else:
        response = await call_next(request)
    response.headers["X-Experience-API-Version"] = "1.0.3"
    return response


# --- 5. CORS (added last, so it is outermost and answers preflights itself) -----------
app.add_middleware(
    CORSMiddleware,
    allow_origin_regex=r"https?://(127\.0\.0\.1|localhost|\[::1\])(:\d+)?",
    allow_credentials=True,
    allow_methods=["*"],
    allow_headers=["*"],
    expose_headers=["X-Experience-API-Version"],
)

# Everything else, /xAPI/statements above all, is Ralph's.
app.mount("/", ralph_app)
