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
