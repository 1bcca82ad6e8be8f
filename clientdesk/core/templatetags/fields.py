"""``{% field form.name %}``: one form field as the portal styles it, written in Python.

Label, widget, help text and errors, with Django's ids ({auto_id}_helptext, {auto_id}_error),
so that the aria-describedby and aria-invalid Django 5.2's BoundField puts on the widget
point at them. A template include per field cost 0.25-0.5 ms: a filter form of nine fields
was a tenth of its list page's CPU. A radio or checkbox list (a fieldset) is left to
includes/fieldset.html, as the rare case it is.
"""

from django import template
from django.forms import BoundField
from django.template.loader import render_to_string
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()

REQUIRED = '<span class="field__required" aria-hidden="true">*</span>'


def _help(field: BoundField) -> str:
    if not field.help_text:
        return ""
    where = f' id="{conditional_escape(field.auto_id)}_helptext"' if field.auto_id else ""
    return f'\n  <div class="field__help"{where}>{field.help_text}</div>'  # help text is HTML


def _errors(field: BoundField) -> str:
    if not field.errors:
        return ""
    where = f' id="{conditional_escape(field.auto_id)}_error"' if field.auto_id else ""
    items = "".join(f"<li>{conditional_escape(str(error))}</li>" for error in field.errors)
    return f'\n  <ul class="errorlist field__errors"{where}>{items}</ul>'


def _classes(field: BoundField, kind: str) -> str:
    error = " field--error" if field.errors else ""
    return conditional_escape(f"field field--{kind} field--name-{field.name}{error}")


@register.simple_tag(name="field")
def field_tag(field: BoundField) -> str:
    if field.is_hidden:
        return str(field)  # the widget's HTML, safe already
    if field.use_fieldset:
        return mark_safe(render_to_string("includes/fieldset.html", {"field": field}))  # noqa: S308  # nosec B308 B703
    label = conditional_escape(field.label) + (REQUIRED if field.field.required else "")
    for_id = conditional_escape(field.id_for_label)
    kind = field.widget_type
    if kind == "checkbox":
        html = (
            f'<div class="{_classes(field, kind)}">\n  <div class="choice">\n    {field}\n'
            f'    <label for="{for_id}">{label}</label>\n  </div>'
        )
    else:
        shown = ""
        if field.label:
            where = f' for="{for_id}"' if field.id_for_label else ""
            shown = f'<label class="field__label"{where}>{label}</label>'
        html = f'<div class="{_classes(field, kind)}">\n  {shown}\n  {field}'
    # Every value above is escaped; the widget and the help text are HTML already.
    return mark_safe(f"{html}{_help(field)}{_errors(field)}\n</div>")  # noqa: S308  # nosec B308 B703
