from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = "runbook-test-only"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = ["django.contrib.contenttypes", "django.contrib.staticfiles", "board"]
ROOT_URLCONF = "notes.urls"
WSGI_APPLICATION = "notes.wsgi.application"
STATIC_URL = "static/"
# Beside the checkout, as the real application has it.
STATIC_ROOT = BASE_DIR.parent / "static-root"
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The instance's own settings (its PostgreSQL database), not in the repository.
from instance_settings import *  # noqa: E402,F401,F403
