{
    "name": "CRM Customer Value Prediction",
    "summary": "Predict each customer's future: chance they are still a customer, expected "
    "purchases and predicted lifetime value (BG/NBD and Gamma-Gamma models)",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/crm-practice/odoo-crm-practice",
    "author": "CRM Practice Team",
    "maintainers": ["crm-practice"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["crm_customer_value"],
    "external_dependencies": {"python": ["numpy", "scipy"]},
    "data": [
        "data/mail_activity_type_data.xml",
        "data/ir_cron.xml",
        "views/crm_customer_value_views.xml",
        "views/res_partner_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "post_init_hook": "post_init_hook",
    "uninstall_hook": "uninstall_hook",
    "installable": True,
}
