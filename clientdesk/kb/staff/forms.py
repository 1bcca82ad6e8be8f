"""The staff's vocabulary forms: synonym groups; a search made a phrasing or a synonym."""

from django import forms
from django.utils.translation import gettext_lazy as _

from clientdesk.kb.forms import MAX_QUERY_LENGTH
from clientdesk.kb.models import LANGUAGE_CHOICES, Article, SynonymGroup


class SynonymGroupForm(forms.Form):
    lang = forms.ChoiceField(label=_("language"), choices=LANGUAGE_CHOICES)
    words = forms.CharField(
        label=_("words"),
        max_length=1000,
        help_text=_("Words customers use for the same thing, separated by spaces."),
    )


class WordsForm(forms.Form):
    words = forms.CharField(label=_("words"), max_length=1000)


class SearchChoiceForm(forms.Form):
    """Which search the add page is about, and the words to find its article by."""

    q = forms.CharField(max_length=MAX_QUERY_LENGTH, strip=True)
    lang = forms.ChoiceField(choices=LANGUAGE_CHOICES)
    find = forms.CharField(
        label=_("Find the article"), max_length=MAX_QUERY_LENGTH, required=False, strip=True
    )


class AddPhrasingForm(forms.Form):
    article = forms.ModelChoiceField(queryset=Article.objects.all())
    phrasing = forms.CharField(label=_("phrasing"), max_length=1000)


class AddSynonymForm(forms.Form):
    group = forms.ModelChoiceField(queryset=SynonymGroup.objects.all(), required=False)
    lang = forms.ChoiceField(choices=LANGUAGE_CHOICES)
    words = forms.CharField(label=_("words"), max_length=1000)
