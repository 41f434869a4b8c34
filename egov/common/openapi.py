"""The OpenAPI schema of the JSON API, true to what the API answers.

ninja's generator is extended in two ways, for every operation at once:

- each operation lists the error statuses it can answer (egov.common.api_errors), all in the one
  error shape ``ApiErrorOut``;
- two different schemas with one name are refused when the schema is built: ninja keeps the last
  one silently, so a field could point at another app's schema of the same name.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja import NinjaAPI
from ninja.errors import ConfigError
from ninja.openapi.docs import DocsBase
from ninja.openapi.schema import OpenAPISchema
from ninja.operation import Operation

from egov.common.api_errors import ApiErrorOut, error_statuses

ERROR_SCHEMA = "ApiErrorOut"
# For developers reading the schema, like the rest of it: not translated.
_ERROR_DESCRIPTIONS = {
    400: "The request breaks a rule (see code), or holds characters that cannot be accepted.",
    401: "No credential, or a wrong or expired one.",
    403: "The caller may not do this (or a session's CSRF check failed).",
    404: "Not found, or not visible to the caller.",
    409: "Conflict: a concurrent change, or a key already used for another request.",
    413: "The request is too large.",
    422: "Invalid input: errors lists the fields.",
    429: "Too many requests: try again later.",
}


class ContractOpenAPISchema(OpenAPISchema):
    def operation_details(self, operation: Operation) -> dict[str, Any]:
        details = super().operation_details(operation)
        parameters = details.get("parameters") or []
        statuses = error_statuses(
            methods=list(operation.methods),
            has_auth=bool(details.get("security")),
            has_input=bool(parameters) or "requestBody" in details,
            has_body="requestBody" in details,
            has_path_params=any(p.get("in") == "path" for p in parameters),
            view=operation.view_func,
        )
        self._ensure_error_schema()
        responses = details["responses"]
        for status in statuses:
            responses.setdefault(
                status,
                {
                    "description": _ERROR_DESCRIPTIONS.get(status, "Error"),
                    "content": {
                        self.api.renderer.media_type: {
                            "schema": {"$ref": f"#/components/schemas/{ERROR_SCHEMA}"}
                        }
                    },
                },
            )
        return details

    def _ensure_error_schema(self) -> None:
        if ERROR_SCHEMA in self.schemas:
            return
        schema = ApiErrorOut.model_json_schema(
            ref_template="#/components/schemas/{model}", mode="serialization"
        )
        self.add_schema_definitions(schema.pop("$defs", {}))
        self.add_schema_definitions({ERROR_SCHEMA: schema})

    def add_schema_definitions(self, definitions: dict) -> None:
        for name, definition in definitions.items():
            known = self.schemas.get(name)
            if known is not None and known != definition:
                raise ConfigError(
                    f"Two different API schemas are named {name!r}: give each a unique name."
                )
        super().add_schema_definitions(definitions)


class ContractNinjaAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI schema is a :class:`ContractOpenAPISchema`, documented by
    :class:`VendoredSwagger`."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("docs", VendoredSwagger())
        super().__init__(**kwargs)

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        return ContractOpenAPISchema(api=self, path_prefix=path_prefix)


class VendoredSwagger(DocsBase):
    """The docs page: Swagger UI from egov/static/vendor/swagger-ui, no inline script (ninja's
    own page loads it from a CDN unless ninja is an installed app)."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        context = {"api": api, "openapi_url": self.get_openapi_url(api, kwargs)}
        return render(request, "common/api_docs.html", context)
