from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db.models.signals import post_migrate


class BackofficeConfig(AppConfig):
    name = "clientdesk.backoffice"
    label = "backoffice"

    def ready(self) -> None:
        from clientdesk.backoffice.admin_site import name_third_party_apps

        post_migrate.connect(_ensure_roles_once_permissions_exist, dispatch_uid="clientdesk-roles")
        name_third_party_apps()


def _ensure_roles_once_permissions_exist(sender, apps=global_apps, **kwargs) -> None:
    # post_migrate fires per app, in INSTALLED_APPS order, each creating its own
    # permissions: the roles can take them all only after the last app (that has
    # models: the others get no signal).
    with_models = [config for config in global_apps.get_app_configs() if config.models_module]
    if sender is not with_models[-1]:
        return
    try:  # the state the migrations left: auth is gone after `migrate auth zero`
        apps.get_model("auth", "Group")
    except LookupError:
        return
    from django.contrib.auth.management import create_permissions

    from clientdesk.backoffice.roles import ensure_roles

    # This receiver may run before auth's for the last app (backoffice is listed before
    # django.contrib.auth): that app's permissions are made here first, or the vendor
    # admin would miss them.
    create_permissions(sender, verbosity=0, using=kwargs.get("using", "default"))
    ensure_roles()
