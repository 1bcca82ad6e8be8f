from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from clientdesk.accounts import demo as accounts_demo
from clientdesk.billing import demo as billing_demo
from clientdesk.contracts import demo as contracts_demo
from clientdesk.kb.services import load_demo_articles
from clientdesk.orders import demo as orders_demo
from clientdesk.support import demo as support_demo


class Command(BaseCommand):
    help = "Load the demo data (a fictional vendor, its customers and people); safe to run twice."

    @transaction.atomic
    def handle(self, *args, **options) -> None:
        if not settings.DEVELOPMENT:
            # Its people have known passwords: loaded in production, they are a way in.
            raise CommandError(
                "demo_data loads demo users with known passwords and runs in development "
                "mode only: set DEBUG=1 (make demo does), never on a production database."
            )
        accounts_demo.load()
        load_demo_articles()
        orders_demo.load()
        billing_demo.load()
        support_demo.load()
        contracts_demo.load()
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
