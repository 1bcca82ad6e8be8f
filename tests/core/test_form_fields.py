"""A model choice field lists its choices with one plain query, read afresh each render."""

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext

from clientdesk.core.form_fields import ModelChoiceField
from clientdesk.support.models import RequestType
from tests.support.factories import RequestTypeFactory

pytestmark = pytest.mark.django_db


class TypeForm(forms.Form):
    type = ModelChoiceField(
        queryset=RequestType.objects.order_by("code"), to_field_name="code", empty_label="Any"
    )


def test_the_choices_are_one_query_and_no_server_side_cursor(monkeypatch):
    RequestTypeFactory(code="a-first", name_en="First")
    RequestTypeFactory(code="b-second", name_en="Second")
    opened = []
    chunked = connection.chunked_cursor
    monkeypatch.setattr(connection, "chunked_cursor", lambda: opened.append(1) or chunked())

    with CaptureQueriesContext(connection) as captured:
        html = str(TypeForm()["type"])

    assert len(captured) == 1
    assert opened == []
    assert html.index('value=""') < html.index('value="a-first"') < html.index('value="b-second"')


def test_each_render_reads_the_choices_again():
    RequestTypeFactory(code="a-first", name_en="First")
    form = TypeForm()
    assert 'value="c-third"' not in str(form["type"])
    RequestTypeFactory(code="c-third", name_en="Third")
    assert 'value="c-third"' in str(form["type"])


def test_a_choice_is_validated_against_the_rows():
    RequestTypeFactory(code="a-first", name_en="First")
    assert TypeForm({"type": "a-first"}).is_valid()
    assert "type" in TypeForm({"type": "nonexistent"}).errors
