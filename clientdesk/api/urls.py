"""The integration API's assembly: each app keeps its routes in its own api.py."""

from ninja import NinjaAPI

from clientdesk.kb.api import router as kb_router

api = NinjaAPI(
    title="clientdesk API",
    version="1",
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
)
api.add_router("/kb/", kb_router)

urlpatterns = api.urls[0]
