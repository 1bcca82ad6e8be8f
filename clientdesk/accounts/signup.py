"""allauth's sign-up form, taking as long for an address that has an account as for a new one.

With enumeration prevention allauth answers both alike, but a known address skips the
password's hashing (a new account's costliest step), which a stopwatch tells apart: here the
known path hashes the password it was given too, and throws the hash away.
"""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth.hashers import make_password


class SignupForm(AllauthSignupForm):
    def try_save(self, request):
        if self.account_already_exists and self.cleaned_data.get("password1"):
            make_password(self.cleaned_data["password1"])
        return super().try_save(request)
