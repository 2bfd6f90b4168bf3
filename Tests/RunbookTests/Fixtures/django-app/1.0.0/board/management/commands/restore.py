import sqlite3
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Puts a copy made by 'backup' back in place of the database."

    def add_arguments(self, parser):
        parser.add_argument("backup")

    def handle(self, *args, **options):
        backup = Path(options["backup"])
        if not backup.is_file():
            raise CommandError(f"no backup at {backup}")
        target = Path(settings.DATABASES["default"]["NAME"])
        with sqlite3.connect(backup) as copy, sqlite3.connect(target) as live:
            copy.backup(live)
        self.stdout.write(f"restored {backup}")
