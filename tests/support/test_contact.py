"""Contact us: phone and hours, open or closed now, the FAQ search, then the request types."""

from datetime import time

import pytest
from django.urls import reverse
from django.utils import timezone

from clientdesk.core.business_hours import BusinessCalendar
from clientdesk.core.models import VendorConfig

CONTACT = reverse("contact")


@pytest.fixture(autouse=True)
def _in_english(client, settings, general_types):
    # Visitors get Romanian unless they chose otherwise; these tests read English.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def configure(**fields) -> VendorConfig:
    config = VendorConfig.get()
    for name, value in fields.items():
        setattr(config, name, value)
    config.save()
    return VendorConfig.objects.get(pk=1)


def test_a_visitor_sees_the_phone_hours_faq_search_and_request_types(client):
    configure(support_phone="+40 31 555 0142", hours_open=time(9), hours_close=time(17, 30))
    page = client.get(CONTACT).content.decode()
    assert "+40 31 555 0142" in page
    assert "Monday to Friday, 09:00\u201317:30" in page
    assert "Did you check the FAQ?" in page
    assert f'hx-get="{reverse("kb:search")}"' in page
    assert f"{reverse('support:new')}?type=invoice-question" in page
    assert reverse("account_login") in page


@pytest.mark.parametrize(("opens", "closes"), [(time(0), time(23, 59, 59)), (time(9), time(9))])
def test_open_now_or_closed_now_follows_the_vendors_calendar(client, opens, closes):
    config = configure(hours_open=opens, hours_close=closes, time_zone="Europe/Bucharest")
    open_now = BusinessCalendar.from_config(config).is_open(timezone.now())
    page = client.get(CONTACT).content.decode()
    assert ("Open now" in page) is open_now
    assert ("Closed now" in page) is not open_now


def test_closed_all_day_the_page_says_when_it_opens_again(client):
    configure(hours_open=time(0), hours_close=time(0, 0, 1))
    page = client.get(CONTACT).content.decode()
    assert "Closed now" in page
    assert "We open again on" in page


def test_hours_that_never_open_still_give_a_page(client):
    configure(hours_open=time(9), hours_close=time(9))
    response = client.get(CONTACT)
    assert response.status_code == 200
    assert "Closed now" in response.content.decode()


def test_a_user_without_the_requests_grant_is_shown_how_to_get_it(client, alfa_orders_only):
    client.force_login(alfa_orders_only)
    assert reverse("access_new") in client.get(CONTACT).content.decode()


def test_the_navigation_offers_my_requests_only_with_the_grant(
    client, alfa_admin, alfa_orders_only
):
    client.force_login(alfa_admin)
    assert f'href="{reverse("support:list")}"' in client.get(CONTACT).content.decode()
    client.force_login(alfa_orders_only)
    assert f'href="{reverse("support:list")}"' not in client.get(CONTACT).content.decode()
