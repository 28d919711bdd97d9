"""The OpenAPI 3.1 description of the service, built from the document models."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic.json_schema import models_json_schema

from kzdocs import DOCUMENTS, __version__

from .worker import MEDIA_TYPES

_ERRORS = {
    "type": "object", "required": ["errors"],
    "properties": {"errors": {"type": "array", "items": {
        "type": "object", "required": ["loc", "type", "msg"],
        "properties": {"loc": {"type": "array", "items": {"type": ["string", "integer"]}},
                       "type": {"type": "string", "description": "Stable: a kzdocs error code or a validation rule."},
                       "msg": {"type": "string", "description": "One line, in the language of Accept-Language."}}}}},
}
_FAILURES = {
    "401": "A bearer token is required and was missing or wrong.",
    "404": "Unknown document.",
    "408": "The input did not arrive in time.",
    "413": "The input is larger than the limit.",
    "415": "The input is not JSON.",
    "422": "Invalid input: every problem with its field path.",
    "500": "The render failed (one-line reason).",
    "503": "Too many renders in flight: retry after Retry-After seconds.",
}


def _error_responses(codes: list[str]) -> dict[str, Any]:
    return {code: {"description": _FAILURES[code], "content": {"application/json": {
        "schema": {"$ref": "#/components/schemas/Errors"}}}} for code in codes}


def openapi(options: Mapping[str, str]) -> dict[str, Any]:
    """The service's OpenAPI document; ``options`` are the query options a render takes, with their descriptions."""
    _, top = models_json_schema([(model, "validation") for model in DOCUMENTS.values()],
                                ref_template="#/components/schemas/{model}")
    schemas: dict[str, Any] = {**top.get("$defs", {}), "Errors": _ERRORS}
    parameters = [{"name": name, "in": "query", "required": False, "description": description,
                   "schema": {"type": "string"}} for name, description in options.items()]
    paths: dict[str, Any] = {}
    for name, model in DOCUMENTS.items():
        for fmt, media in MEDIA_TYPES.items():
            paths[f"/documents/{name}.{fmt}"] = {"post": {
                "operationId": f"render_{name.replace('-', '_')}_{fmt}",
                "summary": f"{model.titles['en']} as {fmt.upper()}",
                "parameters": parameters,
                "requestBody": {"required": True, "content": {"application/json": {
                    "schema": {"$ref": f"#/components/schemas/{model.__name__}"}}}},
                "responses": {"200": {"description": f"The {fmt.upper()} file, named from the document number.",
                                      "content": {media.split(";")[0]: {"schema": {"type": "string",
                                                                                    "format": "binary"}}}},
                              **_error_responses(["401", "404", "408", "413", "415", "422", "500", "503"])},
            }}
        paths[f"/documents/{name}/schema"] = {"get": {
            "operationId": f"schema_{name.replace('-', '_')}", "summary": f"JSON Schema of {model.titles['en']}",
            "responses": {"200": {"description": "JSON Schema", "content": {"application/json": {}}}}}}
        paths[f"/documents/{name}/example"] = {"get": {
            "operationId": f"example_{name.replace('-', '_')}", "summary": f"A valid example of {model.titles['en']}",
            "responses": {"200": {"description": "Example input", "content": {"application/json": {
                "schema": {"$ref": f"#/components/schemas/{model.__name__}"}}}}}}}
    paths["/documents"] = {"get": {"operationId": "documents", "summary": "The documents, with kk/ru/en titles",
                                   "responses": {"200": {"description": "The catalogue"}}}}
    paths["/health"] = {"get": {"operationId": "health", "summary": "Workers ready and renders in flight",
                                "security": [],
                                "responses": {"200": {"description": "Ready"}, "503": {"description": "Not ready"}}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "kzdocs", "version": __version__,
                 "description": "Result documents of Kazakhstan's state services, in Kazakh and Russian."},
        "paths": paths,
        "components": {"schemas": schemas,
                       "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
        "security": [{"bearer": []}],
    }
