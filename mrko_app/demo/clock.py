"""Move the school's clock of a development or demo instance (services/clock.py), e.g. to show a
scheduled news post appearing or tomorrow's meeting reminders:

    MRKO_ENV=demo python -m mrko_app.demo.clock 2h     # two hours ahead ("3d", "-90m", "0" for real time)

The running app reads the offset from the private folder on every clock reading; production ignores it."""

import re
import sys
from datetime import timedelta

from mrko_app import config
from mrko_app.services import clock

UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse(text: str) -> timedelta:
    match = re.fullmatch(r"([+-]?\d+(?:\.\d+)?)([smhd]?)", text.strip())
    if not match:
        raise ValueError(f"not a duration: {text!r} (e.g. 2h, 3d, -90m, 0)")
    return timedelta(seconds=float(match.group(1)) * UNITS[match.group(2) or "s"])


def main(argv: list[str]) -> int:
    if not config.dev_mode():
        print("the school's clock moves only on a development or demo instance (set MRKO_ENV=demo)", file=sys.stderr)
        return 2
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    clock.set_offset(parse(argv[0]).total_seconds())
    print(f"the school's clock is {clock.offset()} off the real time: now {clock.to_local(clock.now()):%d.%m.%Y %H:%M}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
