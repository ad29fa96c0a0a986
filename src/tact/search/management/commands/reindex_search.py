from typing import Any

from django.core.management.base import BaseCommand

from tact.search.documents import reindex_all


class Command(BaseCommand):
    help = "Rebuild the site-wide search index from every app's records (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        total = reindex_all(progress=lambda kind, n: self.stdout.write(f"{kind}: {n}"))
        self.stdout.write(f"{total} records indexed")
