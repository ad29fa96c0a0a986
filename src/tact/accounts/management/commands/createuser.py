"""tact createuser USERNAME --role ROLE [--state ISO3 ...] [--organisation NAME|IATI-REF]."""

from __future__ import annotations

import getpass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tact.accounts.services import user_create
from tact.core.access import Role
from tact.directory.selectors import organisation_lookup, state_lookup


class Command(BaseCommand):
    help = "Create a user with a role, bound to states (focal point) or an organisation (donor)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--email", default="")
        parser.add_argument("--password", help="Omit to be prompted (or --no-password).")
        parser.add_argument("--no-password", action="store_true")
        parser.add_argument("--state", action="append", default=[], help="ISO3 code; repeat")
        parser.add_argument("--organisation", help="Organisation name, acronym or IATI ref")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            state_ids = [state_lookup(code).pk for code in options["state"]]
            organisation_id = (
                organisation_lookup(options["organisation"]).pk if options["organisation"] else None
            )
        except LookupError as exc:
            raise CommandError(str(exc)) from exc
        password = options["password"]
        if password is None and not options["no_password"]:
            password = getpass.getpass("Password: ")
        try:
            user = user_create(
                actor=None,
                username=options["username"],
                password=password,
                role=options["role"],
                email=options["email"],
                state_ids=state_ids,
                organisation_id=organisation_id,
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(f"created {user.username} ({user.role})")
