"""The indicators, in the order the dashboard shows them (seed 003, then the customer
side the seeds put first)."""

from odoo import api, models

# code, group, unit, higher is better, distribution, needs (module check or None)
INDICATORS = [
    ("sales_amount", "sales", "amount", True, False),
    ("sales_count", "sales", "count", True, False),
    ("quote_conversion", "sales", "percent", True, False),
    ("complaints_product", "complaints", "count", False, False),
    ("complaints_staff", "complaints", "count", False, False),
    ("returns_qty", "service", "count", False, False),
    ("returns_pickings", "service", "count", False, False),
    ("refunds", "service", "count", False, False),
    ("resolve_hours_avg", "service", "hours", False, False),
    ("resolve_hours_median", "service", "hours", False, False),
    ("delivery_days", "service", "days", False, False),
    ("contacts_total", "contact", "count", True, False),
    ("contacts_per_customer", "contact", "count", True, False),
    ("emails_in", "contact", "count", True, False),
    ("emails_out", "contact", "count", True, False),
    ("calls_meetings", "contact", "count", True, False),
    ("mailings_sent", "marketing", "count", True, False),
    ("mailing_response", "marketing", "percent", True, False),
    ("sms_sent", "marketing", "count", True, False),
    ("sms_response", "marketing", "percent", True, False),
    ("survey_invitations", "marketing", "count", True, False),
    ("survey_response", "marketing", "percent", True, False),
    ("satisfaction", "customers", "count", True, True),
    ("tier_customers", "customers", "count", True, True),
    ("tier_value", "customers", "amount", True, True),
    ("tier_moves_in", "customers", "count", True, True),
    ("satisfied_share", "customers", "percent", True, False),
    ("tier_moves_up", "customers", "count", True, False),
    ("tier_moves_down", "customers", "count", False, False),
    ("retention", "customers", "percent", True, False),
]


class CrmKpiSnapshot(models.Model):
    _inherit = "crm.kpi.snapshot"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _kpi_indicator_names(self):
        _ = self.env._
        return {
            "sales_amount": _("Confirmed Sales"),
            "sales_count": _("Confirmed Orders"),
            "quote_conversion": _("Quotations Won"),
            "complaints_product": _("Complaints about Products or Services"),
            "complaints_staff": _("Complaints about Staff"),
            "returns_qty": _("Returned Quantity"),
            "returns_pickings": _("Return Deliveries"),
            "refunds": _("Refund Credit Notes"),
            "resolve_hours_avg": _("Average Time to Resolve a Complaint"),
            "resolve_hours_median": _("Median Time to Resolve a Complaint"),
            "delivery_days": _("Time from Order to Delivery"),
            "contacts_total": _("Contacts with Customers"),
            "contacts_per_customer": _("Contacts per Customer"),
            "emails_in": _("Emails Received"),
            "emails_out": _("Emails Sent"),
            "calls_meetings": _("Calls and Meetings Done"),
            "mailings_sent": _("Mailings Sent"),
            "mailing_response": _("Mailing Response Rate"),
            "sms_sent": _("SMS Sent"),
            "sms_response": _("SMS Response Rate"),
            "survey_invitations": _("Survey Invitations"),
            "survey_response": _("Survey Response Rate"),
            "satisfaction": _("Customer Satisfaction"),
            "tier_customers": _("Customers per Tier"),
            "tier_value": _("Lifetime Value per Tier"),
            "tier_moves_in": _("Customers Moved into the Tier"),
            "satisfied_share": _("Satisfied Customers"),
            "tier_moves_up": _("Customers Moved Up a Tier"),
            "tier_moves_down": _("Customers Moved Down a Tier"),
            "retention": _("Customer Retention"),
        }

    @api.model
    def _kpi_indicators(self):
        """The indicators in display order, named in the reader's language."""
        names = self._kpi_indicator_names()
        return [
            {
                "code": code,
                "name": names[code],
                "group": group,
                "unit": unit,
                "higher_is_better": higher,
                "distribution": distribution,
            }
            for code, group, unit, higher, distribution in INDICATORS
        ]
