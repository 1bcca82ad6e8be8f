"""Staff members in a role, for the tests of the staff pages."""

from django import forms
from django.contrib.auth.models import Group

from clientdesk.backoffice import roles
from tests.factories import UserFactory

OTHER_ROLES = (roles.SUPPORT_AGENT, roles.CONTRACTS_REPRESENTATIVE, roles.BILLING)


def staff_member(role: str | None, **fields):
    roles.ensure_roles()
    user = UserFactory(is_staff=True, **fields)
    if role is not None:
        user.groups.set([Group.objects.get(name=role)])
    return user


def vendor_admin(**fields):
    return staff_member(roles.VENDOR_ADMIN, **fields)


def form_post(form) -> dict:
    """What a page's form posts when its user changes nothing (files left out)."""
    posted = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field, forms.FileField) or value in (None, False):
            continue
        posted[name] = value if isinstance(value, list) else str(value)
    return posted


def answers(client, url: str) -> dict[str, int]:
    """The status each other staff role, and a signed-out visitor, gets for ``url``."""
    found = {}
    for role in OTHER_ROLES:
        client.force_login(staff_member(role))
        found[role] = client.get(url).status_code
    client.logout()
    found["anonymous"] = client.get(url).status_code
    return found


REFUSED = {**dict.fromkeys(OTHER_ROLES, 403), "anonymous": 302}
