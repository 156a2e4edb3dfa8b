"""`make mutation`: run mutmut on the critical areas and print each area's score.

`python tools/mutation.py --score` prints the scores of the last run only.
MUTATION_CHILDREN sets how many mutants are tested at once (default 2).

The areas and the mutants that belong to them are named in AREAS; docs/mutation.md
lists the surviving mutants that are equivalent, with why. A killed mutant is a bug
the tests catch; a survivor that is not equivalent is a test still missing.
"""

import fnmatch
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

AREAS = {
    "CSV formula neutralisation": [
        "core.spreadsheet.*",
        "core.exports.x_csv_chunk_writer__*",
        "core.exports.x_shared_block__*",
        "core.exports.x_column_step__*",
        "core.exports.xǁCsvExportViewǁ*",
    ],
    "strict invalid filters": [
        "core.filtering.*",
        "core.exports.xǁListExportViewǁ*",
        "core.exports.xǁJsonExportViewǁinvalid__*",
        "core.exports.xǁJsonExportViewǁerror__*",
    ],
    "membership-count validation": ["councils.models.xǁMembershipSnapshotǁ*"],
    "Japanese dates and fiscal years": ["core.japanese_dates.*"],
    "page-cache invalidation": ["portal.cache.*", "portal.templatetags.content_cache.*"],
}


def patterns():
    return [pattern for area in AREAS.values() for pattern in area]


def results():
    output = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "mutmut"), "results", "--all", "true"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = {}
    for line in output.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if name:
            found[name] = status
    return found


def run():
    children = os.environ.get("MUTATION_CHILDREN", "2")
    mutmut = str(ROOT / ".venv" / "bin" / "mutmut")
    # mutmut exits non-zero when mutants survive; the scores below say which.
    subprocess.run([mutmut, "run", "--max-children", children, *patterns()], cwd=ROOT)


def main():
    if "--score" not in sys.argv[1:]:
        run()
    found = results()
    total_killed = total_tested = 0
    print(f"{'area':34} {'mutants':>7} {'killed':>7} {'survived':>8} {'other':>6} {'score':>6}")
    survivors = []
    for area, globs in AREAS.items():
        names = [name for name in found if any(fnmatch.fnmatchcase(name, g) for g in globs)]
        statuses = [found[name] for name in names]
        killed = statuses.count("killed") + statuses.count("timeout")
        survived = statuses.count("survived")
        other = len(names) - killed - survived
        tested = killed + survived
        score = f"{100 * killed / tested:.0f}%" if tested else "-"
        print(f"{area:34} {len(names):7} {killed:7} {survived:8} {other:6} {score:>6}")
        survivors += [name for name in names if found[name] == "survived"]
        total_killed += killed
        total_tested += tested
    if total_tested:
        print(
            f"{'all five areas':34} {'':7} {total_killed:7} {total_tested - total_killed:8}"
            f" {'':6} {100 * total_killed / total_tested:5.0f}%"
        )
    if survivors:
        print("\nSurvivors (see docs/mutation.md for the equivalent ones; `mutmut show NAME`):")
        for name in sorted(survivors):
            print("  " + name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
