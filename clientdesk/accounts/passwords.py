"""Django's password rules, in the portal's own words: its Romanian catalogue has typos and
missing diacritics, and these say the rule to someone choosing a password."""

from django.contrib.auth import password_validation as django
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class MinimumLengthValidator(django.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return ngettext(
            "This password is too short: use at least %(min_length)d character.",
            "This password is too short: use at least %(min_length)d characters.",
            self.min_length,
        ) % {"min_length": self.min_length}

    def get_help_text(self) -> str:
        return ngettext(
            "At least %(min_length)d character; a few words make a good one.",
            "At least %(min_length)d characters; a few words make a good one.",
            self.min_length,
        ) % {"min_length": self.min_length}


class UserAttributeSimilarityValidator(django.UserAttributeSimilarityValidator):
    def get_error_message(self) -> str:
        return _("This password is too close to your %(verbose_name)s.")

    def get_help_text(self) -> str:
        return _("Not close to your name or e-mail address.")


class CommonPasswordValidator(django.CommonPasswordValidator):
    def get_error_message(self) -> str:
        return _("This password is one of the most common ones: choose another.")

    def get_help_text(self) -> str:
        return _("Not one of the commonly used passwords.")


class NumericPasswordValidator(django.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return _("This password has only digits.")

    def get_help_text(self) -> str:
        return _("Not only digits.")
