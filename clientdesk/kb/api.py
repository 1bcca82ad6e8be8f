# Temporary file written by the lead so the project boots; the KB engineer replaces it whole.
from ninja import Router

router = Router()
