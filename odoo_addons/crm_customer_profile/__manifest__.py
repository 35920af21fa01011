{
    "name": "CRM Customer Profile",
    "summary": "Internal/external customers, satisfaction level and history, "
    "behavioural style, decision basis and how to treat each customer",
    "version": "18.0.1.1.1",
    "category": "Sales/CRM",
    "website": "https://github.com/crm-practice/odoo-crm-practice",
    "author": "CRM Practice Team",
    "maintainers": ["crm-practice"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["crm", "contacts"],
    "data": [
        "security/crm_customer_profile_security.xml",
        "security/ir.model.access.csv",
        "data/crm_customer_style_data.xml",
        "data/crm_decision_basis_data.xml",
        "data/mail_activity_type_data.xml",
        "data/ir_config_parameter_data.xml",
        "data/ir_cron.xml",
        "views/crm_customer_style_views.xml",
        "views/crm_decision_basis_views.xml",
        "views/crm_satisfaction_entry_views.xml",
        "views/crm_satisfaction_record_views.xml",
        "views/res_partner_views.xml",
        "views/crm_lead_views.xml",
        "views/res_config_settings_views.xml",
        "views/crm_customer_profile_menus.xml",
    ],
    "demo": ["demo/res_partner_demo.xml"],
    "assets": {
        "web.assets_backend": [
            "crm_customer_profile/static/src/**/*",
            ("remove", "crm_customer_profile/static/src/graph/**"),
        ],
        # Odoo loads its graph views lazily: the patch goes with them.
        "web.assets_backend_lazy": [
            "crm_customer_profile/static/src/graph/**",
        ],
        "web.assets_unit_tests": [
            "crm_customer_profile/static/tests/**/*.test.js",
        ],
        "web.assets_tests": [
            "crm_customer_profile/static/tests/tours/**/*",
        ],
    },
    "post_init_hook": "post_init_hook",
    "uninstall_hook": "uninstall_hook",
    "installable": True,
    "application": False,
}
