from django.db import models


class Note(models.Model):
    text = models.CharField(max_length=200)
    pinned = models.BooleanField(default=False)
    author = models.CharField(max_length=100, default="")
