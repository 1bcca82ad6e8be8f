import datetime

import pytest
from django.urls import reverse

from clientdesk.contracts import queries
from clientdesk.contracts.models import Contract
from clientdesk.core.business_hours import BusinessCalendar
from clientdesk.core.models import VendorConfig
from tests.contracts.factories import ContractFactory, DocumentFactory
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def calendar() -> BusinessCalendar:
    return BusinessCalendar.from_config(VendorConfig.get())


def test_the_last_notice_day_is_the_notice_period_back_from_the_renewal():
    # 2027-03-31 minus 30 days is Monday 2027-03-01, a working day.
    contract = Contract(renewal_date=datetime.date(2027, 3, 31), notice_days=30)
    assert queries.last_notice_day(contract, calendar()) == datetime.date(2027, 3, 1)


def test_a_last_notice_day_on_a_weekend_moves_to_the_friday_before():
    # 2027-03-30 minus 30 days is Sunday 2027-02-28.
    contract = Contract(renewal_date=datetime.date(2027, 3, 30), notice_days=30)
    assert queries.last_notice_day(contract, calendar()) == datetime.date(2027, 2, 26)


def test_a_last_notice_day_on_a_holiday_moves_to_the_working_day_before():
    # 2027-01-31 minus 30 days is Friday 2027-01-01 (New Year); 2026-12-31 is a Thursday.
    contract = Contract(renewal_date=datetime.date(2027, 1, 31), notice_days=30)
    assert queries.last_notice_day(contract, calendar()) == datetime.date(2026, 12, 31)


def test_a_contract_without_renewal_has_no_notice_day():
    assert queries.last_notice_day(Contract(notice_days=30), calendar()) is None


def test_the_list_shows_the_accounts_contracts_filtered(client, alfa, alfa_admin):
    active = ContractFactory(account=alfa)
    ended = ContractFactory(account=alfa, status=Contract.Status.TERMINATED)
    client.force_login(alfa_admin)
    page = client.get(reverse("contracts:list"), {"status": "active"}).content.decode()
    assert active.number in page and ended.number not in page


def test_the_list_shows_nothing_of_another_customer(client, alfa, beta_user):
    contract = ContractFactory(account=alfa)
    client.force_login(beta_user)
    assert contract.number not in client.get(reverse("contracts:list")).content.decode()


def test_a_user_without_contracts_view_gets_404_on_the_list(client, alfa):
    client.force_login(MembershipFactory(account=alfa, grant_requests=True).user)
    assert client.get(reverse("contracts:list")).status_code == 404


def test_the_contract_page_names_the_last_day_to_give_notice(client, alfa, alfa_admin):
    contract = ContractFactory(account=alfa, renewal_date=datetime.date(2027, 3, 30))
    client.force_login(alfa_admin)
    page = client.get(reverse("contracts:detail", args=[contract.public_id]))
    assert page.status_code == 200
    assert page.context["notice_day"] == datetime.date(2027, 2, 26)


def test_another_customers_contract_answers_404(client, alfa, beta_user):
    contract = ContractFactory(account=alfa)
    client.force_login(beta_user)
    assert client.get(reverse("contracts:detail", args=[contract.public_id])).status_code == 404


def test_a_document_downloads_as_an_attachment(client, alfa, alfa_admin):
    document = DocumentFactory(contract=ContractFactory(account=alfa))
    client.force_login(alfa_admin)
    url = reverse("contracts:document", args=[document.contract.public_id, document.public_id])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_document_answers_404_to_another_customer_and_to_a_colleague_without_the_grant(
    client, alfa, beta_user
):
    document = DocumentFactory(contract=ContractFactory(account=alfa))
    url = reverse("contracts:document", args=[document.contract.public_id, document.public_id])
    client.force_login(beta_user)
    assert client.get(url).status_code == 404
    client.force_login(MembershipFactory(account=alfa, grant_orders=True).user)
    assert client.get(url).status_code == 404


def test_the_list_pages_by_keyset_to_its_last_page_and_caps_its_count(
    client, alfa, alfa_admin, monkeypatch
):
    from clientdesk.core import keyset

    for day in range(30):
        ContractFactory(
            account=alfa,
            number=f"CTR-K-{day:02d}",
            start_date=datetime.date(2026, 1, 1) + datetime.timedelta(days=day),
        )
    client.force_login(alfa_admin)
    url = reverse("contracts:list")
    first = client.get(url).context["page"]
    assert [c.number for c in first.rows][:2] == ["CTR-K-29", "CTR-K-28"]
    last = client.get(url, {"last": "1"}).context["page"]
    assert [c.number for c in last.rows][-1] == "CTR-K-00" and len(last.rows) == 25
    after = client.get(url, {"after": first.next_cursor}).context["page"]
    assert [c.number for c in after.rows] == [f"CTR-K-{day:02d}" for day in range(4, -1, -1)]
    monkeypatch.setattr(keyset, "COUNT_LIMIT", 10)
    assert "More than 10 contracts" in client.get(url).content.decode()


def test_a_list_row_holds_each_cell_labelled_and_escaped(client, alfa, alfa_admin, beta_user):
    beta = beta_user.memberships.get().account
    beta.name = "Beta & <Fiii>"
    beta.save(update_fields=["name"])
    MembershipFactory(user=alfa_admin, account=beta, grant_contracts_view=True)
    titled = ContractFactory(
        account=beta,
        number="CTR-7",
        title="Servere <etaj>",
        renewal_date=datetime.date(2027, 3, 31),
    )
    bare = ContractFactory(account=alfa, number="CTR-8", title="", renewal_date=None)
    alfa_admin.language = "ro"
    alfa_admin.save(update_fields=["language"])
    client.force_login(alfa_admin)

    html = client.get(reverse("contracts:list")).content.decode()

    def row(contract: Contract) -> str:
        found = html[
            html.index(f'<a href="{reverse("contracts:detail", args=[contract.public_id])}">') :
        ]
        return found[: found.index("</tr>")]

    first, second = row(titled), row(bare)
    assert ">CTR-7</a><br>Servere &lt;etaj&gt;</th>" in first
    assert '<td data-label="Client">Beta &amp; &lt;Fiii&gt;</td>' in first
    assert 'class="badge badge--success">' in first
    assert ">31 mar. 2027</td>" in first
    assert ">1 mar. 2027</td>" in first  # the last day to give notice, 30 days before
    assert ">CTR-8</a></th>" in second
    assert second.count(">—</td>") == 2
