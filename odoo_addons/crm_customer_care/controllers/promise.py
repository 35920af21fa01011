from odoo import http
from odoo.http import request


class ComplaintPromise(http.Controller):
    """The public page telling every customer how complaints are handled and what the
    company actually achieves (seed 003: every customer should know the process)."""

    @http.route("/complaints/promise", type="http", auth="public", website=True, sitemap=True)
    def complaint_promise(self, **kw):
        company = request.env.company
        Complaint = request.env["crm.complaint"].sudo()
        promises = (
            request.env["crm.complaint.sla"]
            .sudo()
            .search([("company_id", "in", [company.id, False])], order="hours, sequence")
        )
        values = {
            "company": company,
            "figures": Complaint._promise_figures(company),
            "promises": promises,
            "stages": request.env["crm.complaint.stage"].sudo().search([]),
        }
        return request.render("crm_customer_care.complaint_promise_page", values)
