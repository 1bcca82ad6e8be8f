from django import template

register = template.Library()


@register.filter
def item(mapping: dict, key: str):
    return mapping.get(key)


@register.filter
def negated(value):
    return -value


@register.filter
def statement_rows(result):
    from clientdesk.billing.statement import movements, rows

    return rows(movements(result).iterator(chunk_size=2000))


# One movement: date, document, debit, credit and balance, each cell labelled for the
# stacked layout of a phone.
MOVEMENT_ROW = (
    '<tr><td data-label="{}">{}</td><th scope="row" data-label="{}">{} {}</th>'
    '<td class="num" data-label="{}">{}</td><td class="num" data-label="{}">{}</td>'
    '<td class="num" data-label="{}">{}</td></tr>'
)


@register.simple_tag
def movement_rows(table, currency: str):
    """The page's movements as table rows, built here rather than by the template: 100 rows
    of five cells were 1,800 variable lookups and about 15 ms of CPU a page."""
    from django.utils import formats
    from django.utils.html import format_html_join
    from django.utils.translation import gettext

    from clientdesk.billing.templatetags.billing import money

    date, document, debit, credit, balance = (
        gettext(name) for name in ("Date", "Document", "Debit", "Credit", "Balance")
    )
    dates: dict = {}

    def cells(row) -> tuple:
        if row.on not in dates:
            dates[row.on] = formats.date_format(row.on, "SHORT_DATE_FORMAT")
        return (
            date, dates[row.on], document, row.label, row.number,
            debit, money(row.debit, currency), credit, money(row.credit, currency),
            balance, money(row.balance, currency),
        )  # fmt: skip

    return format_html_join("\n", MOVEMENT_ROW, (cells(row) for row in table))
