"""The documents the checks cite and the dates they apply from, in one place.

REGULATIONS.md gives QĐ 1147-QĐ/BTGDVTW's content [T] but, apart from Điều 4 (the five programmes), not its
article numbers: those stay "?" here until checked against the decision's text. Between 29/08/2025 and
30/11/2025 the commune centres worked under QĐ 360-QĐ/TW alone (§8), so a rule of QĐ 1147 is applied to
what happened from 01/12/2025.
"""

import datetime as dt

QD57 = "QĐ 57-QĐ/TW"
QD208 = "QĐ 208-QĐ/TW"
QD350 = "QĐ 350-QĐ/TW"
QD360 = "QĐ 360-QĐ/TW"
QD1147 = "QĐ 1147-QĐ/BTGDVTW"
HD11 = "HD 11-HD/BTGTW"

QD1147_FROM = dt.date(2025, 12, 1)
