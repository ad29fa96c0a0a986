"""tact purge-rejected-uploads: delete the stored files of rejected (failed) import runs.

A failed import keeps its upload for TACT_REJECTED_UPLOAD_DAYS days (default 7) so the
secretariat can inspect it; after that this command deletes the file, keeps the run and its
report, and audits the deletion. With 0 days every rejected upload is deleted at once. Run it
daily (cron, systemd timer).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from tact.assistance.models import ImportRun
from tact.core.access import SYSTEM
from tact.core.audit import audit_log


class Command(BaseCommand):
    help = "Delete uploaded files of rejected import runs older than the retention period."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="retention in days (default: TACT_REJECTED_UPLOAD_DAYS)",
        )
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"]
        if days is None:
            days = int(settings.TACT_REJECTED_UPLOAD_DAYS)
        cutoff = timezone.now() - dt.timedelta(days=max(days, 0))
        runs = (
            ImportRun.objects.filter(status=ImportRun.Status.FAILED)
            .exclude(file="")
            .filter(
                Q(finished_at__lte=cutoff) | Q(finished_at__isnull=True, updated_at__lte=cutoff)
            )
            .order_by("pk")
        )
        purged = 0
        for run in runs.iterator():
            name = run.file.name
            if options["dry_run"]:
                self.stdout.write(f"would delete {name} (import run {run.pk})")
                purged += 1
                continue
            with transaction.atomic():
                run.file.delete(save=False)
                run.file = ""
                run.save(update_fields=["file", "updated_at"])
                audit_log(
                    actor=SYSTEM,
                    action="assistance.import_upload_purged",
                    target=run,
                    changes={"file": (name, "")},
                )
            purged += 1
        verb = "would delete" if options["dry_run"] else "deleted"
        self.stdout.write(f"{verb} {purged} rejected uploads kept more than {days} days")
