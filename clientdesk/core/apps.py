from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "clientdesk.core"
    label = "core"
    verbose_name = _("Portal configuration")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django_tasks.signals import task_finished, task_started

        from clientdesk.core import events, task_leases
        from clientdesk.core.middleware import on_signed_in

        events.register(events.CoreEvent)
        events.register(events.ConfigEvent, audited=True)

        user_logged_in.connect(on_signed_in, dispatch_uid="core.session_clocks")
        # A running task's lease lives on its worker's database session (core/task_leases.py).
        task_started.connect(task_leases.hold, dispatch_uid="core.task_lease_hold")
        task_finished.connect(task_leases.release, dispatch_uid="core.task_lease_release")
