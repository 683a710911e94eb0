"""Load the demo school (or a large one) into the database at DATABASE_URL, which must be migrated already.

    alembic upgrade head && python -m mrko_app.demo
    python -m mrko_app.demo --large 1000
"""

import argparse
from datetime import date

from sqlmodel import Session

from mrko_app import db
from mrko_app.demo import generate_large_school, load_demo, print_summary


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m mrko_app.demo", description=__doc__.splitlines()[0])
    parser.add_argument("--large", type=int, metavar="N", help="generate a large school of N pupils instead")
    parser.add_argument("--classes", type=int, help="number of classes of the large school (default N/25)")
    parser.add_argument("--name", default="Benchmark School", help="name of the large school")
    parser.add_argument("--seed", type=int, help="random seed (default 2026 for the demo, 1 for a large school)")
    parser.add_argument("--today", type=date.fromisoformat,
                        help="the day the journal runs up to (YYYY-MM-DD; default: today or 2026-11-28 for the "
                             "demo, the end of the year for a large school)")
    args = parser.parse_args(argv)
    with Session(db.engine(), expire_on_commit=False) as session:
        if args.large:
            summary = generate_large_school(session, students=args.large, classes=args.classes, name=args.name,
                                            seed=1 if args.seed is None else args.seed, today=args.today)
        else:
            summary = load_demo(session, seed=2026 if args.seed is None else args.seed, today=args.today)
        session.commit()
    print_summary(summary)


if __name__ == "__main__":
    main()
