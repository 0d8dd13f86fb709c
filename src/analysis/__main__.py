"""Command line: ``python -m analysis validate [--data-dir DIR]`` and ``python -m analysis
hashes``."""
from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis",
                                     description="Checks of the Liangshan compendium's data.")
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check the whole data package; exit 1 on any problem")
    v.add_argument("--data-dir", default=None,
                   help="data directory to check (default: the repository's data/)")
    h = sub.add_parser("hashes", help="record each data file's current sha256 and size in "
                                      "datapackage.json (after a deliberate edit)")
    h.add_argument("--data-dir", default=None)
    args = parser.parse_args(argv)
    from analysis.data.package import current, use

    if args.data_dir is not None:
        use(args.data_dir)
    if args.command == "validate":
        from analysis.data.validate import main as validate

        return validate(current())
    from analysis.data.problems import DataError

    try:
        changed = current().update_hashes()
    except DataError as exc:
        print(exc)
        print("nothing updated: fix the problem(s) above first")
        return 1
    print("updated: " + (", ".join(changed) if changed else "nothing (all hashes current)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
