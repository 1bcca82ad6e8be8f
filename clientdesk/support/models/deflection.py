"""Deflection: a FAQ article suggested while filing a request, followed, and no request filed."""

from django.conf import settings
from django.db import models


class DeflectionEvent(models.Model):
    """One visit of the new-request form in which the user followed suggested articles.

    The row is written when the first suggestion is followed and updated on
    the next ones; ``filed_request`` is set if the user files a request soon
    after. See clientdesk.support.deflection for how it is counted.
    """

    visit = models.UUIDField(unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    request_type = models.ForeignKey(
        "support.RequestType", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    query = models.CharField(max_length=200, blank=True)
    lang = models.CharField(max_length=2)
    articles = models.JSONField(default=list)
    first_opened_at = models.DateTimeField()
    last_opened_at = models.DateTimeField(db_index=True)
    filed_request = models.ForeignKey(
        "support.SupportRequest", on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-last_opened_at"]
        indexes = [
            # The staff queue's figures count a period's visits by their outcome: read from
            # the index alone on PostgreSQL (INCLUDE), not from every row of the table.
            models.Index(
                fields=["first_opened_at"],
                include=["filed_request", "last_opened_at"],
                name="deflection_by_first_opened",
            )
        ]

    def __str__(self) -> str:
        return str(self.visit)
