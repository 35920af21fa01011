{
    "name": "CRM Customer Contact",
    "summary": "Never too much contact: outgoing contacts counted per customer and month, "
    "a contact policy on mailings and reminders, the next agreed contact, customer "
    "reminder plans on automation rules, mailing segments, coupons, and what the "
    "customer told us (preferences, needs, purchase promises)",
    "version": "18.0.1.0.0",
    "category": "Sales/CRM",
    "website": "https://github.com/crm-practice/odoo-crm-practice",
    "author": "CRM Practice Team",
    "maintainers": ["crm-practice"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": [
        "crm_customer_value",
        "crm_loyalty_program",
        "mass_mailing",
        "sms",
        "base_automation",
    ],
    "data": [
        "security/crm_customer_contact_security.xml",
        "security/ir.model.access.csv",
        "data/mail_message_subtype_data.xml",
        "data/mailing_filter_data.xml",
        "data/reminder_template_data.xml",
        "wizard/crm_next_contact_views.xml",
        "wizard/crm_segment_coupon_views.xml",
        "views/res_partner_views.xml",
        "views/crm_lead_views.xml",
        "views/crm_customer_wish_views.xml",
        "views/crm_purchase_promise_views.xml",
        "views/mailing_mailing_views.xml",
        "views/ir_actions_server_views.xml",
        "views/res_config_settings_views.xml",
        "views/crm_customer_contact_menus.xml",
    ],
    "demo": [
        "demo/crm_customer_reminder_demo.xml",
        "demo/crm_customer_wish_demo.xml",
    ],
    "installable": True,
    "application": False,
}
