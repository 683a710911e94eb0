"""Department administrators of an instance, from its command line (services/school_admin/department.py):

    python -m mrko_app.school_admin_cli list
    python -m mrko_app.school_admin_cli add --surname Морозов --first-name Игорь --patronymic Петрович \\
        --email morozov@edu.example --phone "+7 916 000-00-00" --login morozov
    python -m mrko_app.school_admin_cli grant LOGIN      # an existing account gets the role
    python -m mrko_app.school_admin_cli revoke LOGIN     # refused for the last administrator

`add` asks for the password (twice) and the answer to the security question without echo; without a
terminal it reads three lines from standard input: password, password again, answer. Each change is
written to the audit log. The instance's DATABASE_URL is used, as the app uses it."""

import argparse
import getpass
import sys
from collections.abc import Callable

from mrko_app import db as database
from mrko_app.i18n import tr
from mrko_app.services.accounts.validation import SECURITY_QUESTIONS
from mrko_app.services.errors import NotFound, ServiceError, ValidationError
from mrko_app.services.school_admin import department


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m mrko_app.school_admin_cli", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("list", help="the department administrators")
    add = commands.add_parser("add", help="a new account with the department role")
    for name in ("surname", "first-name", "email", "phone", "login"):
        add.add_argument(f"--{name}", required=True)
    add.add_argument("--patronymic", default="")
    add.add_argument("--security-question", default="first_teacher", choices=SECURITY_QUESTIONS)
    add.add_argument("--language", default="ru", choices=("ru", "en"))
    for name in ("grant", "revoke"):
        commands.add_parser(name, help=f"{name} the department role of an existing account").add_argument("login")
    return parser


def _secrets(stdin) -> tuple[str, str, str]:
    if stdin.isatty():
        return (getpass.getpass("Password: "), getpass.getpass("Password again: "),
                getpass.getpass("Answer to the security question: "))
    lines = [stdin.readline().rstrip("\n") for _ in range(3)]
    return lines[0], lines[1], lines[2]


def main(argv: list[str], session_scope: Callable = database.session_scope, stdin=None, out=None) -> int:
    args = _parser().parse_args(argv)
    stdin, out = stdin or sys.stdin, out or sys.stdout
    try:
        with session_scope() as db:
            if args.command == "list":
                for user in department.department_admins(db):
                    print(f"{user.login}\t{user.full_name}\t{user.email}", file=out)
                return 0
            if args.command == "add":
                password, again, answer = _secrets(stdin)
                user = department.add_department_admin(db, {
                    "surname": args.surname, "first_name": args.first_name, "patronymic": args.patronymic,
                    "email": args.email, "phone": args.phone, "login": args.login, "password": password,
                    "password_confirm": again, "security_question": args.security_question,
                    "security_answer": answer, "language": args.language})
            else:
                user = (department.grant_department if args.command == "grant" else department.revoke_department)(
                    db, args.login)
            print(f"{args.command}: {user.login} ({user.full_name})", file=out)
            return 0
    except NotFound:
        print("no such account (or it has no department role)", file=sys.stderr)
    except ValidationError as exc:
        for field_name, key in exc.fields.items():
            print(f"{field_name}: {tr(key, 'en', **exc.params)}", file=sys.stderr)
    except ServiceError as exc:
        print(tr(exc.key, "en", **exc.params), file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
