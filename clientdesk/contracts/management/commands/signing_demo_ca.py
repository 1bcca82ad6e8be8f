"""Write a demo CA, a vendor signing certificate and a CRL under VAR_DIR/signing/."""

from django.core.management.base import BaseCommand

from clientdesk.contracts import democa, signing
from clientdesk.core.models import VendorConfig


class Command(BaseCommand):
    help = "Create a demo CA and signing certificate for contracts (development and demo only)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Replace a demo CA that already exists."
        )

    def handle(self, *args, force: bool = False, **options):
        directory = signing.demo_directory()
        if (directory / democa.CERT).exists() and not force:
            self.stdout.write(f"The demo CA in {directory} is kept (--force replaces it).")
            return
        democa.write(democa.create(VendorConfig.get().name), directory)
        self.stdout.write(self.style.SUCCESS(f"Demo CA and signing certificate in {directory}"))
