# Dates as British English writes them, and as the portal always has: 13 November 2023.
DATE_FORMAT = "j F Y"
