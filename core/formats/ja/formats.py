# Dates as the source document prints them: 2023年11月13日 (Django's own Japanese format).
DATE_FORMAT = "Y年n月j日"
