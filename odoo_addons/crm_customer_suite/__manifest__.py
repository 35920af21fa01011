{
    "name": "CRM Customer Suite",
    "summary": "The customer-relationship practice in one install: customer profiles, "
    "satisfaction, value, prediction and the customer pyramid, loyalty programmes, "
    "complaints, feedback and the contact policy, service KPIs and the manager's "
    "dashboard, and the sync of web-form leads and emails, "
    "with one settings section",
    "version": "18.0.1.1.0",
    "category": "Sales/CRM",
    "website": "https://github.com/crm-practice/odoo-crm-practice",
    "author": "CRM Practice Team",
    "maintainers": ["crm-practice"],
    "license": "LGPL-3",
    "development_status": "Beta",
    # Every addon of the suite; the glue addons come by themselves (auto_install):
    # crm_customer_profile_sale with sale, crm_customer_feedback_care with complaints and
    # surveys, crm_customer_feedback_stock with Inventory. The Jalali calendar comes with
    # Persian (models/res_lang.py), not with every database. New addons of the suite join
    # here.
    "depends": [
        "crm_customer_profile",
        "crm_customer_value",
        "crm_loyalty_program",
        "crm_sync_connector",
        "crm_customer_care",
        "crm_customer_contact",
        "crm_customer_feedback",
        "crm_customer_value_prediction",
        "crm_customer_kpi",
        "crm_customer_dashboard",
    ],
    "data": [
        "security/crm_customer_suite_security.xml",
        "views/res_config_settings_views.xml",
        "views/customer_glance_views.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "crm_customer_suite/static/src/customer_glance/*",
        ],
        "web.assets_tests": [
            "crm_customer_suite/static/tests/tours/*",
        ],
    },
    "application": True,
    "installable": True,
}
