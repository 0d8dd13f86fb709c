"""The environment is declared once (pyproject.toml); the lock and environment.yml agree."""
import re
import tomllib

import yaml

from analysis.data import paths


def _name(spec):
    return re.split(r"[<>=!~\[ ]", spec, maxsplit=1)[0].lower().replace("_", "-")


def _bounds(spec):
    return spec[len(_name(spec)):].replace(" ", "")


def _pyproject():
    data = tomllib.loads((paths.ROOT / "pyproject.toml").read_text())["project"]
    specs = list(data["dependencies"])
    for extra in data["optional-dependencies"].values():
        specs += extra
    return {_name(s): _bounds(s) for s in specs}


def _environment_yml():
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text())
    specs = {}
    for dep in env["dependencies"]:
        items = dep["pip"] if isinstance(dep, dict) else [dep]
        for s in items:
            if s.startswith("-e") or _name(s) in ("python", "pip"):
                continue
            specs[_name(s)] = _bounds(s)
    return specs


def test_environment_yml_lists_the_same_packages_and_bounds():
    assert _environment_yml() == _pyproject()


def test_lock_pins_every_declared_package_within_its_bounds():
    from packaging.specifiers import SpecifierSet

    lock = {}
    for line in (paths.ROOT / "requirements.lock").read_text().splitlines():
        m = re.match(r"^([A-Za-z0-9_.\-]+)==([^\s;]+)", line)
        if m:
            lock[m.group(1).lower().replace("_", "-")] = m.group(2)
    for name, bounds in _pyproject().items():
        assert name in lock, f"{name} is declared in pyproject.toml but not pinned in the lock"
        assert lock[name] in SpecifierSet(bounds), f"{name}=={lock[name]} breaks {bounds}"


def test_jupyter_book_is_version_1():
    assert _pyproject()["jupyter-book"] == ">=1.0.4,<2"
