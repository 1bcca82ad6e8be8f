"""The widgets rendered in Python are exactly what Django's widget templates make."""

import datetime

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from clientdesk.core.rendering import FormRenderer

COUNTRIES = [("RO", "România"), ("DE", "Germania"), ("FR", 'Franța "&" <b>')]


class Everything(forms.Form):
    text = forms.CharField(max_length=20, help_text="Ajutor", widget=forms.TextInput({"x": True}))
    email = forms.EmailField(required=False)
    number = forms.IntegerField(min_value=1)
    when = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True))
    hidden = forms.CharField(widget=forms.HiddenInput)
    flag = forms.BooleanField(required=False)
    country = forms.ChoiceField(choices=COUNTRIES)
    grouped = forms.ChoiceField(choices=[("", "—"), ("Europa", COUNTRIES), ("x", "Altul")])
    many = forms.MultipleChoiceField(choices=COUNTRIES, required=False)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}))


DATA = {
    "text": 'a "quoted" <value> & more',
    "email": "ana@alfa.example",
    "number": "3",
    "when": "2026-12-01",
    "secret": "s3cr<t",
    "hidden": mark_safe("<i>safe</i>"),  # a SafeString passes unescaped in both
    "flag": "on",
    "country": "FR",
    "grouped": "DE",
    "many": ["RO", "FR"],
    "body": "Rândul unu\nRândul <doi>",
}


@pytest.mark.parametrize("bound", [True, False], ids=["bound with errors", "unbound"])
@pytest.mark.parametrize("name", list(Everything.base_fields))
def test_each_widget_renders_as_the_templates_render_it(name, bound):
    data = {**DATA, "number": "0"} if bound else None  # "0" gives the number an error
    initial = {"when": datetime.date(2026, 12, 3), "flag": True, "many": ["DE"]}
    form = Everything(data, initial=initial)
    form.is_valid()
    ours = form[name].as_widget()
    form.renderer = DjangoTemplates()
    assert ours == form[name].as_widget()


def test_the_portal_uses_it():
    assert isinstance(Everything().renderer, FormRenderer)
