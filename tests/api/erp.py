"""The ERP as a client of the API: a vendor token with scopes, JSON in and out."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.test import Client

from tests.api.factories import vendor_token


@dataclass
class Erp:
    client: Client
    secret: str

    def _headers(self) -> dict:
        return {"Authorization": f"Bearer {self.secret}"}

    def put(self, path: str, body: dict):
        return self.client.put(
            f"/api/v1{path}", body, content_type="application/json", headers=self._headers()
        )

    def post(self, path: str, body: dict):
        return self.client.post(
            f"/api/v1{path}", body, content_type="application/json", headers=self._headers()
        )

    def raw(self, method: str, path: str, data: bytes, content_type: str):
        return self.client.generic(
            method, f"/api/v1{path}", data, content_type=content_type, headers=self._headers()
        )


def erp_with(client: Client, scopes: Sequence[str]) -> Erp:
    _token, plain = vendor_token(scopes)
    return Erp(client, plain)


def refused(response, loc: list, code: str | None = None) -> dict:
    """The 422 naming ``loc`` (and ``code``, when given); never a server error."""
    assert response.status_code == 422, (response.status_code, response.content[:500])
    details = response.json()["detail"]
    matching = [d for d in details if list(d["loc"]) == loc]
    assert matching, details
    if code is not None:
        assert matching[0]["code"] == code, matching
    assert matching[0]["code"] and matching[0]["msg"]
    return matching[0]
