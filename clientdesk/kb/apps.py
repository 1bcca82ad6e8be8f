from django.apps import AppConfig


class KbConfig(AppConfig):
    name = "clientdesk.kb"
    label = "kb"
