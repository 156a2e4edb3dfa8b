"""How `make test` shares the tests between its two processes (tests/conftest.py)."""

from pathlib import Path

from tests.conftest import ONE_WORKER_MODULES, ModulesOnOneWorker

ROOT = Path(__file__).resolve().parents[2]


def test_each_module_kept_on_one_worker_exists_and_has_a_module_scoped_fixture():
    for module in ONE_WORKER_MODULES:
        path = ROOT / module
        assert path.is_file(), f"{module} is gone: take it out of ONE_WORKER_MODULES"
        assert 'scope="module"' in path.read_text(encoding="utf-8"), module


def test_those_modules_are_one_unit_of_work_and_other_tests_one_each():
    scope = ModulesOnOneWorker.__new__(ModulesOnOneWorker)._split_scope
    module = sorted(ONE_WORKER_MODULES)[0]
    assert scope(f"{module}::test_a") == scope(f"{module}::test_b[x]") == module
    other = "tests/portal/test_about.py::test_a"
    assert scope(other) == other
    assert scope("tests/portal/test_about.py::test_b") != scope(other)
