"""The vendor's logo: an upload is taken for what its bytes are, not for its name.

PNG, JPEG and WebP only: Pillow must read the image and name one of these formats. SVG is
refused, though the field's extension list allows it: an SVG is a document that may carry
script, and the logo is served from the portal's own origin.
"""

from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from PIL import Image, UnidentifiedImageError

from clientdesk.core.errors import ConfigError, ServiceError

MAX_BYTES = 1024 * 1024
MAX_PIXELS = 4096 * 4096
EXTENSIONS = {"PNG": "png", "JPEG": "jpg", "WEBP": "webp"}


def logo_name(upload: UploadedFile) -> str:
    """The stored name of an acceptable logo (``logo.png``); a refusal on the field otherwise."""
    if upload.size is None or upload.size > MAX_BYTES:
        raise ServiceError(
            ConfigError.LOGO_SIZE, field="logo", params={"max": filesizeformat(MAX_BYTES)}
        )
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            image_format = image.format or ""
            too_large = image.width * image.height > MAX_PIXELS
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as error:
        raise ServiceError(ConfigError.LOGO_TYPE, field="logo") from error
    finally:
        upload.seek(0)
    if image_format not in EXTENSIONS or too_large:
        raise ServiceError(ConfigError.LOGO_TYPE, field="logo")
    return f"logo.{EXTENSIONS[image_format]}"
