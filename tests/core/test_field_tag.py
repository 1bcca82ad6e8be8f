"""{% field %}: label, widget, help and errors, tied together by the ids Django names."""

import re

from django import forms
from django.template import engines

TAG = engines["django"].from_string("{% load fields %}{% field field %}")


class SampleForm(forms.Form):
    name = forms.CharField(label="Name <b>", help_text="As on the <em>invoice</em>.")
    note = forms.CharField(label="Note", required=False)
    agree = forms.BooleanField(label="I agree", help_text="Read the terms first.")
    colour = forms.ChoiceField(choices=[("r", "Red"), ("g", "Green")], required=False)
    size = forms.ChoiceField(
        label="Size", choices=[("s", "Small"), ("l", "Large")], widget=forms.RadioSelect
    )
    secret = forms.CharField(widget=forms.HiddenInput, required=False)


def field_html(form: forms.Form, name: str) -> str:
    return TAG.render({"field": form[name]})


def test_a_text_field_with_its_label_help_and_required_mark():
    html = field_html(SampleForm(), "name")
    assert html.startswith('<div class="field field--text field--name-name">')
    assert (
        '<label class="field__label" for="id_name">Name &lt;b&gt;'
        '<span class="field__required" aria-hidden="true">*</span></label>'
    ) in html
    help_text = '<div class="field__help" id="id_name_helptext">As on the <em>invoice</em>.</div>'
    assert help_text in html
    assert 'aria-describedby="id_name_helptext"' in html
    assert "errorlist" not in html


def test_errors_follow_the_widget_that_names_them():
    form = SampleForm({"name": ""})
    form.is_valid()
    html = field_html(form, "name")
    assert 'class="field field--text field--name-name field--error"' in html
    assert '<ul class="errorlist field__errors" id="id_name_error"><li>' in html
    widget = re.search(r"<input[^>]*>", html)
    assert widget is not None
    assert 'aria-invalid="true"' in widget.group(0)
    assert 'aria-describedby="id_name_helptext id_name_error"' in widget.group(0)
    assert html.index("<input") < html.index("errorlist")


def test_an_optional_field_has_no_required_mark():
    html = field_html(SampleForm(), "note")
    assert '<label class="field__label" for="id_note">Note</label>' in html
    assert "field__required" not in html


def test_a_checkbox_has_its_label_after_the_box():
    html = field_html(SampleForm(), "agree")
    assert html.startswith('<div class="field field--checkbox field--name-agree">')
    box, label = html.index('<input type="checkbox"'), html.index('<label for="id_agree">')
    assert box < label
    assert 'id="id_agree_helptext"' in html


def test_a_select_and_a_hidden_field():
    assert '<select name="colour" id="id_colour">' in field_html(SampleForm(), "colour")
    hidden = '<input type="hidden" name="secret" id="id_secret">'
    assert field_html(SampleForm(), "secret") == hidden


def test_a_radio_list_is_a_fieldset_with_a_legend():
    form = SampleForm({})
    form.is_valid()
    html = field_html(form, "size")
    fieldset = '<fieldset class="field fieldset field--name-size field--error"'
    assert html.lstrip().startswith(fieldset)
    assert "<legend" in html and 'id="id_size_error"' in html
    assert html.count('type="radio"') == 2
