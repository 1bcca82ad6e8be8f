from django.utils.translation import gettext_lazy as _

from clientdesk.core.errors import ErrorCode


class BillingError(ErrorCode):
    NO_LINES = "invoice.no_lines", _("A document needs at least one line.")
    BAD_LINE = (
        "invoice.bad_line",
        _("Line %(position)s needs a positive quantity, a price of zero or more and a VAT rate."),
    )
    SAME_POSITION = "invoice.same_position", _("Two lines have the same position.")
    DUE_BEFORE_ISSUE = "invoice.due_before_issue", _("The due date is before the issue date.")
    ISSUED = (
        "invoice.issued",
        _("This document was issued with other data; an issued document never changes."),
    )
    OTHER_ACCOUNT = (
        "invoice.other_account",
        _("This document was issued to another customer account."),
    )
    NOT_PDF = "invoice.not_pdf", _("The document's file is not a PDF.")
    NUMBER_TAKEN = "invoice.number_taken", _("Another document has the number %(number)s.")
    NOT_AN_INVOICE = (
        "credit_note.not_an_invoice",
        _("A credit note corrects an invoice of the same customer and currency."),
    )
    CORRECTS_MISSING = "credit_note.corrects", _("A credit note names the invoice it corrects.")
    PAYMENT_RECORDED = (
        "payment.recorded",
        _("This payment was recorded with other data; a payment never changes."),
    )
    PAYMENT_OTHER_ACCOUNT = (
        "payment.other_account",
        _("This payment was recorded for another customer account."),
    )
    PAYMENT_AMOUNT = "payment.amount", _("A payment is an amount greater than zero.")
    OVER_ALLOCATED = (
        "payment.over_allocated",
        _("The allocations add up to more than the payment."),
    )
    ALLOCATION_INVOICE = (
        "payment.allocation_invoice",
        _("Invoice %(number)s is not an invoice of this customer in this currency."),
    )
    ALLOCATION_TOO_MUCH = (
        "payment.allocation_too_much",
        _("Invoice %(number)s has only %(open)s left to pay."),
    )
    ZIP_EMPTY = "zip.empty", _("No document matches: there is nothing to download.")
    ZIP_TOO_MANY = (
        "zip.too_many",
        _("At most %(limit)s documents fit in one download; narrow the filters."),
    )


class SettingsError(ErrorCode):
    IBAN = "billing_settings.iban", _("This IBAN is not valid; check its digits.")
    VAT = "billing_settings.vat", _("This VAT number is not valid (e.g. RO18674021).")
    COUNTRY = "billing_settings.country", _("Write the country as its two-letter code, e.g. RO.")
    COUNTY = "billing_settings.county", _("Write the county as its ISO 3166-2 code, e.g. RO-B.")
