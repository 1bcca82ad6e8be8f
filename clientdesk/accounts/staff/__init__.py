"""The staff side of access requests: the queue and the decision on one.

Mounted by the staff workspace (``clientdesk/backoffice/urls.py``) at
``/staff/access/``, its names in the ``backoffice`` namespace.
"""
