{
    "name": "CRM Customer Dashboard",
    "summary": "One screen for sales managers: the customer-side KPIs against their targets "
    "with a 12-month trend, the value pyramid, satisfaction, retention and the sales teams "
    "side by side; every figure opens its records",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/crm-practice/odoo-crm-practice",
    "author": "CRM Practice Team",
    "maintainers": ["crm-practice"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["crm_customer_kpi"],
    "data": [
        "security/ir.model.access.csv",
        "security/crm_customer_dashboard_security.xml",
        "views/crm_customer_dashboard_action.xml",
        "views/dashboard_drilldown_views.xml",
        "views/crm_customer_dashboard_menus.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "crm_customer_dashboard/static/src/dashboard/**/*",
        ],
        "web.assets_tests": [
            "crm_customer_dashboard/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}
