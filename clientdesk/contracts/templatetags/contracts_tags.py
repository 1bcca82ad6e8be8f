from collections.abc import Iterable
from datetime import date
from html import escape

from django import template
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from clientdesk.contracts.models import Contract
from clientdesk.core.rows import (
    UUID_SAMPLE,
    cell_labels,
    choice_labels,
    customer_cells,
    short_dates,
    table_rows,
    urls_of,
)

register = template.Library()

# A row of "My contracts": number (linked) and title, kind, the customer when the user sees
# several, status, next renewal and the last day to give notice, each cell labelled.
CONTRACT_ROW = (
    '<tr><th scope="row" data-label="{l_contract}"><a href="{url}">{number}</a>{title}</th>'
    '<td data-label="{l_kind}">{kind}</td>{customer}'
    '<td data-label="{l_status}"><span class="badge badge--{badge}">{status}</span></td>'
    '<td data-label="{l_next_renewal}">{renewal}</td>'
    '<td data-label="{l_last_day_to_give_notice}">{notice}</td></tr>'
)
_LABELS = {
    "l_contract": _("Contract"), "l_kind": _("Kind"), "l_status": _("Status"),
    "l_next_renewal": _("Next renewal"), "l_last_day_to_give_notice": _("Last day to give notice"),
}  # fmt: skip


@register.simple_tag
def contract_rows(
    rows: Iterable[tuple[Contract, date | None]], several_accounts: bool
) -> SafeString:
    """The list's rows, built here rather than by the template (a quarter of its CPU)."""
    labels = cell_labels(_LABELS)
    customer = customer_cells(several_accounts)
    day = short_dates()
    url_of = urls_of("contracts:detail", UUID_SAMPLE)
    kind_of, status_of = choice_labels(Contract.Kind), choice_labels(Contract.Status)

    def row_html(contract: Contract, notice_day: date | None) -> str:
        return CONTRACT_ROW.format(
            url=url_of(contract.public_id),
            number=escape(contract.number),
            title=f"<br>{escape(contract.title)}" if contract.title else "",
            kind=kind_of(contract.kind),
            customer=customer(contract.account),
            badge=contract.badge,
            status=status_of(contract.status),
            renewal=day(contract.renewal_date),
            notice=day(notice_day),
            **labels,
        )

    return table_rows(row_html(*row) for row in rows)
