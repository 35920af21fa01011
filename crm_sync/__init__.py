"""crm_sync: pulls web-form leads and email logs into Odoo 18 over its external API.

Odoo is the system of record: the worker keeps no state of its own (see DESIGN.md).
"""

__version__ = "0.1.0"
