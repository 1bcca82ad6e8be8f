"""The integration API's assembly: each app keeps its routes in its own api.py.

Every operation is wrapped twice: its call is an event with the token as the actor,
and a POST with an ``Idempotency-Key`` runs once and answers the same for 24 hours.
(A NUL character anywhere is refused before, by core's RejectNulMiddleware.)
Every refusal answers in one shape (api/errors.py); calls are limited per token.
"""

from ninja import NinjaAPI
from ninja.openapi.docs import Swagger

from clientdesk.accounts.api import router as customers_router
from clientdesk.api import calls, errors
from clientdesk.api.docs import docs_guard
from clientdesk.api.tokens_api import router as tokens_router
from clientdesk.billing.api import payments_router
from clientdesk.billing.api import router as invoices_router
from clientdesk.billing.customer_api import router as my_invoices_router
from clientdesk.contracts.api import equipment_router
from clientdesk.contracts.api import router as contracts_router
from clientdesk.contracts.customer_api import router as my_contracts_router
from clientdesk.kb.api import router as kb_router
from clientdesk.orders.api import router as orders_router
from clientdesk.orders.api import shipments_router
from clientdesk.orders.customer_api import router as my_orders_router
from clientdesk.support.api import router as requests_router

api = NinjaAPI(
    title="clientdesk API",
    version="1",
    description=(
        "The ERP pushes customers, contracts, orders, shipments, invoices and payments "
        "by its own identifiers; customers read their data with personal tokens. "
        "See docs/api.md."
    ),
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
    docs=Swagger(),
    docs_decorator=docs_guard,
)
errors.install(api)
api.add_decorator(calls.idempotent, mode="view")
api.add_decorator(calls.recorded, mode="view")
api.add_router("/kb/", kb_router)
api.add_router("/tokens/", tokens_router)
api.add_router("/requests", requests_router)
api.add_router("/customers/", customers_router)
api.add_router("/contracts/", contracts_router)
api.add_router("/equipment/", equipment_router)
api.add_router("/orders/", orders_router)
api.add_router("/shipments/", shipments_router)
api.add_router("/invoices/", invoices_router)
api.add_router("/payments/", payments_router)
# A customer's own data, through their personal token (requests are above, for both kinds).
api.add_router("/me/orders", my_orders_router)
api.add_router("/me/invoices", my_invoices_router)
api.add_router("/me/contracts", my_contracts_router)

urlpatterns = api.urls[0]
