"""Deploy checks: production must not seal contracts with the demo CA."""

from django.conf import settings
from django.core.checks import CheckMessage, Info, Tags, Warning, register


@register(Tags.security, deploy=True)
def signing_key_check(app_configs, **kwargs) -> list[CheckMessage]:
    if not (settings.SIGNING_KEY_FILE and settings.SIGNING_CERT_FILE):
        return [
            Info(
                "No signing key: contracts cannot be signed until SIGNING_KEY_FILE and "
                "SIGNING_CERT_FILE name the vendor's key and certificate.",
                id="contracts.I001",
            )
        ]
    from clientdesk.contracts import signing  # pyHanko: only when the check runs

    try:
        keys = signing.load_keys()
    except (OSError, ValueError, signing.SigningUnavailable) as error:
        return [Warning(f"The signing key cannot be read: {error}", id="contracts.W002")]
    if keys.is_demo:
        return [
            Warning(
                "Contracts are signed with the demo CA: anyone can make such a certificate. "
                "Set SIGNING_KEY_FILE and SIGNING_CERT_FILE to the vendor's real ones.",
                id="contracts.W001",
            )
        ]
    return []
