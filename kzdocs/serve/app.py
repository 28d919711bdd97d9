"""The HTTP API (Starlette): the documents, their schemas and examples, and renders.

Every error is JSON of one shape, ``{"errors": [{"loc": [...], "type": "...", "msg": "..."}]}``:
``type`` is stable (a :mod:`kzdocs.errors` code or a pydantic rule), ``msg`` is one line.
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from pydantic import ValidationError
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kzdocs import DOCUMENTS, __version__
from kzdocs._resources import resource_dir
from kzdocs.documents import Document
from kzdocs.errors import InputFileError, KzdocsError, OfficeConflictError
from kzdocs.inputs import loads
from kzdocs.jobs import file_stem
from kzdocs.lang import Lang, check_languages
from kzdocs.office import Office
from kzdocs.render.batch import error_list

from .config import Limits, Settings
from .logs import number_for_log
from .messages import localize, negotiate
from .openapi import openapi
from .pool import Busy, WorkerPool
from .worker import MEDIA_TYPES, Job

log = logging.getLogger("kzdocs.serve")


def parse_languages(value: str) -> tuple[Lang, ...]:
    try:
        return check_languages(value)
    except ValueError:
        raise Problem(422, "input.language",
                      f"languages must name kk, ru or kk-Latn, comma-separated (kk,ru), not {value!r}",
                      ["query", "languages"]) from None


@dataclass(frozen=True)
class Option:
    """A render option read from the query string: its parser (raising :class:`Problem`), its default
    and its description (for the OpenAPI document)."""

    parse: Callable[[str], Any]
    default: Any
    description: str


def parse_flag(name: str) -> Callable[[str], bool]:
    def parse(value: str) -> bool:
        if value.lower() in ("true", "1", "yes"):
            return True
        if value.lower() in ("false", "0", "no"):
            return False
        raise Problem(422, "option.flag", f"{name} must be true or false, not {value!r}", ["query", name])

    return parse


#: The render options. A later option (a seal, an archive copy) adds an entry here and reads its
#: value from ``Job.options`` in the worker.
OPTIONS: dict[str, Option] = {
    "languages": Option(parse_languages, ("kk", "ru"), "kk, ru or kk-Latn, comma-separated (default kk,ru)"),
    "keep_own": Option(parse_flag("keep_own"), False, "true: keep the issuer/signatory the input gives instead "
                       "of refusing it when the server's office kit supplies them"),
    "archive": Option(parse_flag("archive"), False, "true: a PDF/A-3b archive copy carrying the input JSON "
                      "(PDF only)"),
}


class Problem(KzdocsError):
    """An error answer: HTTP status, stable type, one-line message, where."""

    code = "serve.answer"

    def __init__(self, status: int, type_: str, msg: str, loc: list[Any] | None = None,
                 headers: Mapping[str, str] | None = None) -> None:
        super().__init__(msg)
        self.status = status
        self.errors = [{"loc": loc or [], "type": type_, "msg": msg}]
        self.headers = dict(headers or {})


def error_response(request: Request | None, status: int, errors: list[dict[str, Any]],
                   headers: Mapping[str, str] | None = None) -> JSONResponse:
    language = negotiate(request.headers.get("accept-language") if request else None)
    return JSONResponse({"errors": localize(errors, language)}, status,
                        headers={"Content-Language": language, **(headers or {})})


def document_model(name: str) -> type[Document]:
    if name not in DOCUMENTS:
        raise Problem(404, "input.unknown_document", f"unknown document {name!r}; known: {', '.join(DOCUMENTS)}",
                      ["path", "name"])
    return DOCUMENTS[name]


async def catalogue(request: Request) -> Response:
    return JSONResponse({"documents": [
        {"name": name, "title_kk": model.titles["kk"], "title_ru": model.titles["ru"], "title_en": model.titles["en"],
         "formats": list(MEDIA_TYPES), "schema": f"/documents/{name}/schema", "example": f"/documents/{name}/example"}
        for name, model in DOCUMENTS.items()]})


async def schema(request: Request) -> Response:
    return JSONResponse(document_model(request.path_params["name"]).model_json_schema())


async def example(request: Request) -> Response:
    name = request.path_params["name"]
    document_model(name)
    return Response((resource_dir("samples") / f"{name}.json").read_bytes(), media_type="application/json")


async def health(request: Request) -> Response:
    pool: WorkerPool = request.app.state.pool
    status = pool.status()
    ok = status["ready"] > 0 and not pool.closing
    return JSONResponse({"status": "ok" if ok else "unavailable", "version": __version__, **status}, 200 if ok else 503)


async def openapi_json(request: Request) -> Response:
    return JSONResponse(request.app.state.openapi)


async def read_body(request: Request, limits: Limits) -> bytes:
    """The request body, refused past ``max_body`` bytes (413) or ``read_timeout`` seconds (408)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_body:
        raise Problem(413, "input.too_large", f"the input is {int(declared):,} bytes; one document's input may be "
                      f"at most {limits.max_body:,} bytes", ["body"])
    media = request.headers.get("content-type", "application/json").split(";")[0].strip().lower()
    if media != "application/json" and not media.endswith("+json"):
        raise Problem(415, "input.media_type", f"send the document as application/json, not {media}", ["body"])
    body = bytearray()
    try:
        async with asyncio.timeout(limits.read_timeout):
            async for chunk in request.stream():
                body += chunk
                if len(body) > limits.max_body:
                    raise Problem(413, "input.too_large", f"the input is larger than {limits.max_body:,} bytes, "
                                  "the limit for one document", ["body"])
    except TimeoutError:
        raise Problem(408, "input.timeout", f"the input did not arrive within {limits.read_timeout:g} s",
                      ["body"]) from None
    return bytes(body)


def validate(model: type[Document], body: bytes, office: Office | None, keep_own: bool) -> Document:
    """The document from a request body, completed from the office kit when the server has one."""
    try:
        data = loads(body, "the request body")
    except InputFileError as exc:
        raise Problem(422, "json_invalid", str(exc), ["body"]) from None
    except RecursionError:
        raise Problem(422, "json_invalid", "the request body is nested too deeply", ["body"]) from None
    if office is not None and isinstance(data, dict):
        try:
            data = office.fill(data, keep_own=keep_own)
        except OfficeConflictError as exc:
            raise Problem(422, exc.code, str(exc).removeprefix(f"{exc.field}: "), [exc.field]) from None
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise Invalid(error_list(exc)) from None


class Invalid(KzdocsError):
    """Validation problems, answered 422."""

    code = "input.invalid"
    exit_code = 2

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__("invalid input")
        self.errors = errors


def options(request: Request) -> dict[str, Any]:
    chosen = {key: option.default for key, option in OPTIONS.items()}
    for key, value in request.query_params.multi_items():
        if key not in OPTIONS:
            raise Problem(422, "option.unknown", f"unknown option {key!r}; options: {', '.join(OPTIONS)}",
                          ["query", key])
        chosen[key] = OPTIONS[key].parse(value)
    return chosen


def disposition(number: str, fmt: str) -> str:
    """``attachment`` with a safe ASCII file name and the exact one (RFC 6266/5987)."""
    stem = file_stem(number)
    ascii_stem = stem.encode("ascii", "replace").decode().replace("?", "_")
    return f"attachment; filename=\"{ascii_stem}.{fmt}\"; filename*=UTF-8''{quote(f'{stem}.{fmt}')}"


async def render(request: Request) -> Response:
    """``POST /documents/{name}.{pdf|docx|html}``: the document's JSON in, the file out."""
    name, _, fmt = request.path_params["target"].rpartition(".")
    if fmt not in MEDIA_TYPES or not name:
        raise Problem(404, "not_found", "render at /documents/{name}.pdf, .docx or .html", ["path"])
    model = document_model(name)
    request.state.kind = name
    settings: Settings = request.app.state.settings
    chosen = options(request)
    body = await read_body(request, settings.limits)
    try:
        document = validate(model, body, settings.office, chosen.pop("keep_own"))
    except Invalid as exc:
        return error_response(request, 422, exc.errors)
    request.state.number = number_for_log(document.number)
    languages = chosen.pop("languages")
    if chosen.get("archive") and fmt != "pdf":
        return error_response(request, 422, [{"loc": ["query", "archive"], "type": "option.archive",
                                               "msg": "archive needs a PDF (/documents/{name}.pdf)"}])
    pool: WorkerPool = request.app.state.pool
    try:
        outcome = await pool.render(Job(document, fmt, languages, chosen))
    except Busy as exc:
        return error_response(request, 503, [{"loc": [], "type": exc.code, "msg": str(exc)}], {"Retry-After": "1"})
    except KzdocsError as exc:
        return error_response(request, 500, [{"loc": [], "type": exc.code, "msg": str(exc)}])
    if outcome.errors:
        return error_response(request, outcome.status, outcome.errors)
    return Response(outcome.body, media_type=MEDIA_TYPES[fmt],
                    headers={"Content-Disposition": disposition(document.number, fmt)})


Endpoint = Callable[[Request], Awaitable[Response]]


def answering(endpoint: Endpoint) -> Endpoint:
    """Turn every failure of ``endpoint`` into a JSON error; never a traceback (it could hold personal data)."""

    async def wrapped(request: Request) -> Response:
        try:
            return await endpoint(request)
        except Problem as exc:
            return error_response(request, exc.status, exc.errors, exc.headers)
        except Exception as exc:
            log.error("unexpected %s in %s", type(exc).__name__, request.url.path)
            return error_response(request, 500, [{"loc": [], "type": "error",
                                                  "msg": f"internal error ({type(exc).__name__})"}])

    return wrapped


async def http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    kind = {404: "not_found", 405: "method_not_allowed"}.get(status, "http")
    detail = exc.detail if isinstance(exc, HTTPException) else "internal error"
    return error_response(request, status, [{"loc": ["path"], "type": kind, "msg": f"{detail}: {request.url.path}"}])


class Guard:
    """ASGI middleware: the bearer token (when set) on everything but ``/health``, and one log line per
    request: method, path, status, milliseconds, and for renders the kind and number (never a name or IIN)."""

    def __init__(self, app: ASGIApp, token: str | None) -> None:
        self.app = app
        self.token = token.encode() if token else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 0

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            if self.token and scope["path"] != "/health" and not self.authorised(scope):
                await self.refuse(scope, receive, sending)
            else:
                await self.app(scope, receive, sending)
        finally:
            state = scope.get("state", {})
            extra = "".join(f" {key}={state[key]}" for key in ("kind", "number") if key in state)
            log.info("%s %s %d %.1fms%s", scope["method"], scope["path"], status,
                     (time.perf_counter() - started) * 1000, extra)

    def authorised(self, scope: Scope) -> bool:
        assert self.token is not None
        for key, value in scope["headers"]:
            if key == b"authorization":
                scheme, _, given = bytes(value).partition(b" ")
                return scheme.lower() == b"bearer" and hmac.compare_digest(given.strip(), self.token)
        return False

    async def refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        body = json.dumps({"errors": [{"loc": ["header", "authorization"], "type": "auth.token",
                                       "msg": "a valid bearer token is required (Authorization: Bearer ...)"}]})
        response = Response(body, 401, media_type="application/json", headers={"WWW-Authenticate": "Bearer"})
        await response(scope, receive, send)


def create_app(settings: Settings) -> Starlette:
    """The service's ASGI application; its worker pool starts and stops with the app's lifespan."""

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        limits = settings.limits
        from kzdocs.render.renderer import Renderer

        renderer = Renderer(settings.office)  # the kit's letterhead, and its seal when it holds a key
        pool = WorkerPool(limits.workers, max_pending=limits.max_pending, timeout=limits.render_timeout,
                          renderer=renderer)
        app.state.pool = pool
        await pool.start()
        log.info("%d render workers ready", limits.workers)
        try:
            yield
        finally:
            await pool.close()
            log.info("render workers stopped")

    routes = [
        Route("/health", answering(health), methods=["GET"]),
        Route("/openapi.json", answering(openapi_json), methods=["GET"]),
        Route("/documents", answering(catalogue), methods=["GET"]),
        Route("/documents/{name}/schema", answering(schema), methods=["GET"]),
        Route("/documents/{name}/example", answering(example), methods=["GET"]),
        Route("/documents/{target}", answering(render), methods=["POST"]),
    ]
    middleware = [Middleware(Guard, token=settings.token)]
    if settings.cors_origins:  # outside the token check: a browser's preflight carries no token
        middleware.insert(0, Middleware(CORSMiddleware, allow_origins=list(settings.cors_origins),
                                     allow_methods=["GET", "POST"], allow_headers=["Authorization", "Content-Type",
                                                                                   "Accept-Language"],
                                     expose_headers=["Content-Disposition", "Retry-After"]))
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                    exception_handlers={HTTPException: http_error})
    app.state.settings = settings
    app.state.openapi = openapi({key: option.description for key, option in OPTIONS.items()})
    return app
