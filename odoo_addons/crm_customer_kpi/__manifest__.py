{
    "name": "CRM Customer KPIs",
    "summary": "The service indicators of seed 003 and the customer side (satisfaction, value "
    "pyramid, retention) measured per month, sales team and company into frozen monthly "
    "snapshots, with targets set by the sales manager",
    "version": "18.0.1.0.1",
    "category": "Sales/CRM",
    "website": "https://github.com/crm-practice/odoo-crm-practice",
    "author": "CRM Practice Team",
    "maintainers": ["crm-practice"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": [
        "crm_customer_care",
        "crm_customer_contact",
        "crm_customer_value",
        "sale_management",
        "account",
    ],
    "data": [
        "security/crm_customer_kpi_security.xml",
        "security/ir.model.access.csv",
        "data/crm_kpi_cron.xml",
        "views/crm_kpi_snapshot_views.xml",
        "views/crm_kpi_target_views.xml",
        "views/crm_customer_kpi_menus.xml",
    ],
    "demo": ["demo/crm_kpi_target_demo.xml", "demo/crm_customer_kpi_demo.xml"],
    "installable": True,
}
