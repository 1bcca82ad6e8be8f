# "1 Dec 2026" and "1 Dec 2026, 15:52": day first and the month in letters, so no reader
# takes 12/01 for 1 December; the 24-hour clock, as the vendor's offices keep it.
DATE_FORMAT = "j M Y"
SHORT_DATE_FORMAT = DATE_FORMAT
DATETIME_FORMAT = "j M Y, H:i"
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
FIRST_DAY_OF_WEEK = 1
