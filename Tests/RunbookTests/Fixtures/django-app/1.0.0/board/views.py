import importlib.metadata

from django.forms.models import model_to_dict
from django.http import JsonResponse

from board.models import Note


def index(request):
    """What the test reads back: the release's code, its dependencies and its data."""
    return JsonResponse({
        "release": "1.0.0",
        "six": importlib.metadata.version("six"),
        "notes": [model_to_dict(note) for note in Note.objects.order_by("id")],
    })
