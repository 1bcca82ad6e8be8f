# "1 dec. 2026" and "1 dec. 2026, 15:52": the month's abbreviation ("N") is corrected to
# Romanian usage (lower case, "mai" without a dot) in locale_allauth's catalogue.
DATE_FORMAT = "j N Y"
SHORT_DATE_FORMAT = DATE_FORMAT
DATETIME_FORMAT = "j N Y, H:i"
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
FIRST_DAY_OF_WEEK = 1
