"""Calendar words as regex alternations, listed once for everything that reads dates in text."""

WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# "June 12", "June 12th": the month (group 1) and the day (group 2)
MONTH_DAY = rf"\b({MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b"
# "12 June", "9th June": the day (group 1) and the month (group 2), as British and many other outlets write them
DAY_MONTH = rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTHS})\b"
