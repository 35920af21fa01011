{
    "name": "CRM Customer Suite",
    "summary": "The customer-relationship practice in one install: customer profiles, "
    "satisfaction, value and the customer pyramid, loyalty programmes and the sync of "
    "web-form leads and emails, with one settings section",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/crm-practice/odoo-crm-practice",
    "author": "CRM Practice Team",
    "maintainers": ["crm-practice"],
    "license": "LGPL-3",
    "development_status": "Beta",
    # Every addon of the suite; crm_customer_profile_sale comes by itself (auto_install
    # with sale, which crm_customer_value brings). New addons of the suite join here.
    "depends": [
        "crm_customer_profile",
        "crm_customer_value",
        "crm_loyalty_program",
        "crm_sync_connector",
    ],
    "data": ["views/res_config_settings_views.xml"],
    "application": True,
    "installable": True,
}
