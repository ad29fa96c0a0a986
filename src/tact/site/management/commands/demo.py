"""tact demo: migrate, load the demo data, print how to log in, and serve."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from tact.directory.demo import DEMO_PASSWORD, DEMO_USERS


class Command(BaseCommand):
    help = "Set up a demonstration database and serve it on http://127.0.0.1:8000."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")
        parser.add_argument("--no-serve", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("demo_data")
        self.stdout.write("")
        self.stdout.write(f"tact demo on http://{options['addrport']}/  — log in as:")
        for username, _role, label in DEMO_USERS:
            self.stdout.write(f"  {username:<14} password {DEMO_PASSWORD}   ({label})")
        self.stdout.write("")
        # The story of the demo in five minutes, and a guide per role, in six languages.
        self.stdout.write(f"Start here: http://{options['addrport']}/en/help/")
        self.stdout.write("")
        if not options["no_serve"]:
            call_command("serve", options["addrport"])
