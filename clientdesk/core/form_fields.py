"""Form fields that read their choices with one plain query.

Django's ``ModelChoiceField`` reads its choices with ``QuerySet.iterator()``, which on
PostgreSQL is a server-side cursor: DECLARE, FETCH and CLOSE, three round trips and the
ORM's work for each, to list a few request types or queues on every page that shows the
field. The choices of a form field are a short list; read them as one.
"""

from collections.abc import Iterator
from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator


class ReadOnceChoiceIterator(ModelChoiceIterator):
    def __iter__(self) -> Iterator[Any]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        # A fresh read each time, as Django's .iterator() is, in one plain query.
        for obj in self.queryset.all():
            yield self.choice(obj)


class ModelChoiceField(forms.ModelChoiceField):
    iterator = ReadOnceChoiceIterator
