import argparse
import os
import platform
from pathlib import Path

from bemanna.bench import forecast, imports, keyfigures, pages, pulse


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bemanna.bench")
    parser.add_argument(
        "--only",
        choices=["import", "forecast", "pulse", "answers", "keyfigures", "pages"],
        default=None,
    )
    parser.add_argument("--directory", type=Path, default=None)
    args = parser.parse_args()
    directory = args.directory or Path(os.environ.get("BEMANNA_DATA_DIR", "var")) / "bench"
    directory.mkdir(parents=True, exist_ok=True)
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}\n"
    )
    if args.only in (None, "import"):
        imports.run(directory)
        print()
    if args.only in (None, "forecast"):
        forecast.run()
        print()
    if args.only in (None, "keyfigures"):
        keyfigures.run()
        print()
    if args.only in (None, "pulse"):
        pulse.run(directory)
        print()
    if args.only == "answers":  # the answer path alone (part of "pulse")
        pulse.run_answers(directory)
        print()
    if args.only in (None, "pages"):
        pages.run(directory)


if __name__ == "__main__":
    main()
