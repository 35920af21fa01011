{
    "name": "CRM Sync Connector",
    "summary": "Odoo side of the crm-sync worker: sources, cursors, leases, bindings, runs, "
    "dead letters with replay, and batch entry points for web-form leads",
    "version": "18.0.1.2.0",
    "category": "Sales/CRM",
    "website": "https://github.com/crm-practice/odoo-crm-practice",
    "author": "CRM Practice Team",
    "maintainers": ["crm-practice"],
    "license": "LGPL-3",
    "development_status": "Beta",
    # sms gives contacts their sanitised phone (phone_sanitized), which leads are matched on
    "depends": ["crm", "utm", "phone_validation", "sms"],
    # Odoo's phone_validation only formats numbers to E.164 when phonenumbers is there,
    # and matching submissions to contacts by phone needs that form.
    "external_dependencies": {"python": ["phonenumbers"]},
    "data": [
        "security/crm_sync_connector_security.xml",
        "security/ir.model.access.csv",
        "views/crm_sync_source_views.xml",
        "views/crm_sync_run_views.xml",
        "views/crm_sync_dead_letter_views.xml",
        "views/crm_sync_binding_views.xml",
        "views/crm_sync_batch_views.xml",
        "views/crm_lead_views.xml",
        "views/crm_sync_connector_menus.xml",
    ],
    "demo": ["demo/crm_sync_demo.xml"],
    "installable": True,
}
