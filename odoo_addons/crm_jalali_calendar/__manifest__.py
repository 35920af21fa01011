{
    "name": "CRM Jalali Calendar",
    "summary": "Persian users read, type, pick, filter and print dates in the Solar Hijri "
    "(Jalali) calendar; stored dates stay Gregorian",
    "version": "18.0.1.0.1",
    "category": "Sales/CRM",
    "website": "https://github.com/crm-practice/odoo-crm-practice",
    "author": "CRM Practice Team",
    "maintainers": ["crm-practice"],
    "license": "LGPL-3",
    "development_status": "Beta",
    # crm_customer_profile holds where the suite's months start; this addon moves them.
    "depends": ["crm_customer_profile"],
    "data": [
        "views/res_lang_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "crm_jalali_calendar/static/src/**/*",
        ],
        "web.assets_unit_tests": [
            "crm_jalali_calendar/static/tests/**/*.test.js",
        ],
        "web.assets_tests": [
            "crm_jalali_calendar/static/tests/tours/**/*",
        ],
    },
    "uninstall_hook": "uninstall_hook",
    "installable": True,
    "application": False,
}
