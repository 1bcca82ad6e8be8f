"""An invoice's page and print view: lines, VAT, payments, credit notes, the question link."""

import pytest
from django.urls import reverse

from tests.billing.factories import credit_note, issue, line, pay, with_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def invoice(alfa):
    invoice = issue(
        alfa,
        number="CTS-2026-004518",
        po_number="ALF-PO-9",
        lines=[line(1, "2", "100", "19"), line(2, "1", "50", "9", description="Instalare")],
    )
    pay(alfa, "100", (invoice.number, "100"))
    credit_note(alfa, invoice, number="CN-2026-000001", lines=[line(quantity="1", price="10")])
    return invoice


def test_the_page_shows_lines_vat_payments_and_credit_notes(client, alfa_admin, invoice):
    client.force_login(alfa_admin)
    page = client.get(reverse("billing:detail", args=[invoice.number])).content.decode()
    for text in ("Instalare", "ALF-PO-9", "CN-2026-000001", "19%", "9%"):
        assert text in page, text
    assert "/requests/new/?type=invoice-question&amp;invoice_number=CTS-2026-004518" in page


def test_until_the_pdf_is_rendered_the_page_says_it_is_being_prepared(client, alfa_admin, invoice):
    client.force_login(alfa_admin)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("billing:detail", args=[invoice.number])).content.decode()
    assert reverse("billing:pdf", args=[invoice.number]) not in page
    assert client.get(reverse("billing:pdf", args=[invoice.number])).status_code == 404


def test_the_print_view_has_its_print_stylesheet_and_no_portal_chrome(client, alfa_admin, invoice):
    client.force_login(alfa_admin)
    page = client.get(reverse("billing:print", args=[invoice.number])).content.decode()
    assert "billing/print" in page and "site-nav" not in page
    assert "Instalare" in page


@pytest.mark.parametrize("name", ["billing:detail", "billing:print", "billing:pdf"])
def test_another_customer_and_a_colleague_without_the_grant_get_404(
    client, name, invoice, beta_user, alfa_limited
):
    url = reverse(name, args=[invoice.number])
    for outsider in (beta_user, alfa_limited):
        client.force_login(outsider)
        assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("language", "pieces", "hours"), [("ro", "buc.", "ore"), ("en", "pcs", "h")]
)
def test_units_read_as_words_in_the_users_language(
    client, alfa_admin, alfa, language, pieces, hours
):
    alfa_admin.language = language
    alfa_admin.save()
    invoice = issue(alfa, lines=[line(1), line(2, "5", "350", "21", unit="HUR", description="Ore")])
    client.force_login(alfa_admin)
    page = client.get(reverse("billing:detail", args=[invoice.number])).content.decode()
    assert f"2 {pieces}" in page
    assert f"5 {hours}" in page
    assert "H87" not in page


def test_the_page_makes_as_many_queries_for_many_lines_payments_and_notes_as_for_one(
    client, alfa_admin, alfa
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_of(number) -> int:
        url = reverse("billing:detail", args=[number])
        client.get(url)  # the first view of the day records it; the count is of the next
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    client.force_login(alfa_admin)
    small = issue(alfa, lines=[line(1, "1", "10")])
    large = issue(alfa, lines=[line(i, "1", "1000") for i in range(1, 9)])
    for _ in range(5):
        pay(alfa, "100", (large.number, "100"))
    for _ in range(2):
        credit_note(alfa, large, lines=[line(quantity="1", price="10")])
    assert queries_of(large.number) == queries_of(small.number)


def test_a_number_with_slashes_is_listed_and_its_pages_open(
    client, alfa, alfa_admin, settings, tmp_path
):
    settings.VAR_DIR = tmp_path
    slashed = with_pdf(issue(alfa, number="FV/2026/0001"))
    client.force_login(alfa_admin)

    listed = client.get(reverse("billing:list"))
    detail = reverse("billing:detail", args=[slashed.number])
    assert listed.status_code == 200
    assert f'href="{detail}"' in listed.content.decode()
    assert "FV/2026/0001" in client.get(detail).content.decode()
    for name in ("billing:print", "billing:pdf"):
        assert client.get(reverse(name, args=[slashed.number])).status_code == 200, name
