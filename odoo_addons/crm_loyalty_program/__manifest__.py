{
    "name": "CRM Loyalty Programmes",
    "summary": "The seed's loyalty rewards on Odoo's loyalty: tenure, cash payment and "
    "every N-th order conditions, member levels with card discounts and point multipliers, "
    "key-customer cards, FIFO point expiry, and rewards staff should mention",
    "version": "18.0.1.0.1",
    "category": "Sales/Sales",
    "website": "https://github.com/crm-practice/odoo-crm-practice",
    "author": "CRM Practice Team",
    "maintainers": ["crm-practice"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["sale_loyalty", "crm_customer_value"],
    "uninstall_hook": "uninstall_hook",
    "data": [
        "security/crm_loyalty_program_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron.xml",
        "report/loyalty_key_card_report.xml",
        "data/mail_template_data.xml",
        "views/loyalty_program_views.xml",
        "views/loyalty_rule_views.xml",
        "views/loyalty_card_views.xml",
        "views/res_partner_views.xml",
        "views/sale_order_views.xml",
        "views/crm_loyalty_program_menus.xml",
    ],
    "demo": ["demo/loyalty_program_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "crm_loyalty_program/static/tests/tours/**/*",
        ],
    },
    "installable": True,
}
