"""What the benchmark measures, for how long, and the ratios it tracks."""

MODES = {
    # About a minute on a 2-core machine, data generation included. CI runs it to see that
    # the benchmark runs, and prints its figures: it skips the second of load before each
    # target's run (a quarter of its load), so its figures start from a less warm server.
    "quick": {
        "sizes": (1_000, 10_000),
        "rounds": 1,
        "duration": 3,
        "warm_up": 0,
        "settle": 5,
        "exports": 1,
    },
    "full": {
        "sizes": (1_000, 100_000),
        "rounds": 3,
        "duration": 8,
        "warm_up": 1,
        "settle": 30,
        "exports": 2,
    },
}
CONCURRENCY = 8

# The organisation list filtered the same way on every server.
FILTER = "prefecture=hiroshima&sector=industry"
COUNCIL = "bench-council-1"

# Requests per second of a page over hello-world's, and so on: (operator, bound, databases).
# Datasette serves SQLite files only, so its ratios are taken on SQLite.
BOTH = ("sqlite", "postgresql")
TARGETS = {
    "uncached_list_vs_hello": (">=", 0.25, BOTH),
    "uncached_list_vs_datasette": (">=", 5.0, ("sqlite",)),
    "uncached_home_vs_hello": (">=", 0.1, BOTH),
    "uncached_council_vs_hello": (">=", 0.1, BOTH),
    "csv_rows_vs_datasette": (">=", 5.0, ("sqlite",)),
    "csv_rows_vs_raw": (">=", 0.7, BOTH),
    "cached_page_vs_hello": (">=", 0.9, BOTH),
    "csv_memory_growth_mb": ("<=", 50.0, BOTH),
    "list_latency_large_vs_small": ("<=", 1.5, BOTH),
}

PAGES = {
    "home": "/",
    "council": f"/councils/{COUNCIL}/",
    "organisation_list": f"/organisations/?{FILTER}",
    "event_list": "/events/",
}
