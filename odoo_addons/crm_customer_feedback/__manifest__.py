{
    "name": "CRM Customer Feedback",
    "summary": "Feedback surveys that set the customer's satisfaction level: a designated "
    "question mapped to the five levels, invitations after invoices and to key customers "
    "within the contact policy, phone and in-person answers from the customer's form",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/crm-practice/odoo-crm-practice",
    "author": "CRM Practice Team",
    "maintainers": ["crm-practice"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["survey", "crm_customer_contact"],
    "data": [
        "security/crm_customer_feedback_security.xml",
        "security/ir.model.access.csv",
        "data/ir_cron.xml",
        "views/survey_survey_views.xml",
        "views/crm_feedback_invitation_rule_views.xml",
        "views/res_partner_views.xml",
        "wizard/crm_feedback_fill_views.xml",
        "views/crm_customer_feedback_menus.xml",
    ],
    "demo": ["demo/survey_feedback_demo.xml"],
    "installable": True,
    "application": False,
}
