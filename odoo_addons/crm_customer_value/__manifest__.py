{
    "name": "CRM Customer Value",
    "summary": "Customer lifetime value, recency/frequency/spend scores and the value "
    "pyramid (platinum, gold, silver, bronze, lead), recomputed set-based",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/crm-practice/odoo-crm-practice",
    "author": "CRM Practice Team",
    "maintainers": ["crm-practice"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["sale", "account", "crm_customer_profile"],
    "data": [
        "security/crm_customer_value_security.xml",
        "security/ir.model.access.csv",
        "data/crm_value_tier_data.xml",
        "data/mail_activity_type_data.xml",
        "data/ir_cron.xml",
        "views/crm_value_tier_views.xml",
        "views/crm_customer_value_views.xml",
        "views/crm_value_tier_history_views.xml",
        "views/res_partner_views.xml",
        "views/crm_lead_views.xml",
        "views/res_config_settings_views.xml",
        "views/crm_customer_value_menus.xml",
    ],
    "demo": ["demo/crm_customer_value_demo.xml"],
    "assets": {
        # Odoo loads its graph views lazily: the pyramid's view goes with them.
        "web.assets_backend_lazy": [
            "crm_customer_value/static/src/pyramid/**",
        ],
    },
    "post_init_hook": "post_init_hook",
    "uninstall_hook": "uninstall_hook",
    "installable": True,
}
