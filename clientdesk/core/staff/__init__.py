"""The staff side of the portal's own data: the outbox of every e-mail it queued.

Mounted by the staff workspace (``clientdesk/backoffice/urls.py``) at
``/staff/outbox/``, its names in the ``backoffice`` namespace.
"""
