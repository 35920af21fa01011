{
    "name": "CRM Customer Profile - Sales",
    "summary": "Warns on the sale order when the customer is dissatisfied or angry, "
    "and shows how to treat them",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "website": "https://github.com/crm-practice/odoo-crm-practice",
    "author": "CRM Practice Team",
    "maintainers": ["crm-practice"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["crm_customer_profile", "sale"],
    "data": ["views/sale_order_views.xml"],
    "auto_install": True,
    "installable": True,
}
