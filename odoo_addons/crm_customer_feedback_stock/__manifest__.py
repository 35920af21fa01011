{
    "name": "CRM Customer Feedback after Delivery",
    "summary": "Invite the customer to the feedback survey some days after their order is "
    "delivered",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/crm-practice/odoo-crm-practice",
    "author": "CRM Practice Team",
    "maintainers": ["crm-practice"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["crm_customer_feedback", "sale_stock"],
    "installable": True,
    "auto_install": True,
    "application": False,
}
