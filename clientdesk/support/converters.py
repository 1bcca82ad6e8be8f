from django.urls import register_converter


class RequestNumberConverter:
    """A request's readable number in a URL: REQ-2026-000123 (the gate decides the rest)."""

    regex = r"REQ-[0-9]{4}-[0-9]{6,}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


NUMBER = "request_number"
register_converter(RequestNumberConverter, NUMBER)
