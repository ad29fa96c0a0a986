from typing import Any

from django.core.management.base import BaseCommand

from tact.practices.digests import send_digests


class Command(BaseCommand):
    help = "Mail each subscriber the new and changed public records about what they follow."

    def handle(self, *args: Any, **options: Any) -> None:
        report = send_digests()
        self.stdout.write(
            f"{report.mails} digests sent to {report.users} subscribers ({report.items} items)"
        )
