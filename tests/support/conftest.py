import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group

from clientdesk.backoffice import roles
from tests.factories import MembershipFactory, UserFactory
from tests.support.factories import SupportRequestFactory

general_types_migration = importlib.import_module(
    "clientdesk.support.migrations.0002_general_types"
)


@pytest.fixture(autouse=True)
def _private_files_in_a_temporary_directory(settings, tmp_path):
    settings.VAR_DIR = tmp_path


@pytest.fixture
def general_types(db):
    """The types and queues the data migration ships (a flush by an earlier
    transactional test removes them, so they are put back here)."""
    general_types_migration.create(apps, None)


def _staff(email: str, role: str):
    user = UserFactory(is_staff=True, email=email, first_name=email.split("@")[0].title())
    user.groups.set([Group.objects.get(name=role)])
    return user


@pytest.fixture
def agent(db):
    return _staff("andrei@vendor.test", roles.SUPPORT_AGENT)


@pytest.fixture
def other_agent(db):
    return _staff("bianca@vendor.test", roles.SUPPORT_AGENT)


@pytest.fixture
def alfa_orders_only(alfa):
    """A colleague at Alfa who follows orders but not requests."""
    return MembershipFactory(account=alfa, grant_orders=True).user


@pytest.fixture
def alfa_request(alfa, alfa_admin):
    return SupportRequestFactory(account=alfa, requester=alfa_admin)
