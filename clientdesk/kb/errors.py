from django.utils.translation import gettext_lazy as _

from clientdesk.core.errors import ErrorCode


class KbError(ErrorCode):
    NOT_ALLOWED = "kb.not_allowed", _("Only staff who edit articles may change this.")
    FEW_WORDS = "kb.few_words", _("A synonym group needs at least two different words.")
    BAD_WORD = (
        "kb.bad_word",
        _("Use single words of letters and digits, separated by spaces: “%(word)s” is not one."),
    )
    WORDS_LONG = "kb.words_long", _("Keep the group under 500 characters.")
    LANGUAGE = "kb.language", _("Choose Romanian or English.")
    PHRASING_EMPTY = "kb.phrasing_empty", _("Write the phrasing.")
    PHRASING_LONG = "kb.phrasing_long", _("Keep a phrasing under 200 characters.")
    PHRASING_KNOWN = "kb.phrasing_known", _("The article already has this phrasing.")
    TOO_MANY_PHRASINGS = "kb.too_many_phrasings", _("An article takes at most 50 phrasings.")
    SLUG_TAKEN = (
        "kb.slug_taken",
        _("Another article in this language has this address; choose another."),
    )
    CATEGORY_SLUG_TAKEN = "kb.category_slug_taken", _("Another category has this address.")
    CATEGORY_NOT_ALLOWED = "kb.category_not_allowed", _("Only vendor admins may change categories.")
