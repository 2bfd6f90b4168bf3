import datetime
import sqlite3
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Copies the database into backups/ and prints the copy's path."

    def handle(self, *args, **options):
        source = Path(settings.DATABASES["default"]["NAME"])
        folder = Path(settings.BASE_DIR) / "backups"
        folder.mkdir(exist_ok=True)
        target = folder / datetime.datetime.now().strftime("db-%Y%m%d-%H%M%S-%f.sqlite3")
        with sqlite3.connect(source) as live, sqlite3.connect(target) as copy:
            live.backup(copy)
        self.stdout.write(str(target))
