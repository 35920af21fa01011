import base64

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request
from odoo.tools import plaintext2html

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
# The files a submit could not attach, said once on the complaint's page that follows.
SKIPPED_UPLOADS_KEY = "crm_complaint_skipped_uploads"


class ComplaintPortal(CustomerPortal):
    """ "My complaints" for customers: the list, each complaint's thread and a form to file
    one. Record rules limit a customer to their own commercial entity's complaints."""

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "complaint_count" in counters:
            Complaint = request.env["crm.complaint"]
            values["complaint_count"] = (
                Complaint.search_count([]) if Complaint.has_access("read") else 0
            )
        return values

    @http.route(
        ["/my/complaints", "/my/complaints/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_complaints(self, page=1, **kw):
        Complaint = request.env["crm.complaint"]
        count = Complaint.search_count([])
        pager = portal_pager(
            url="/my/complaints", total=count, page=page, step=self._items_per_page
        )
        complaints = Complaint.search(
            [], order="date_open desc, id desc", limit=self._items_per_page, offset=pager["offset"]
        )
        request.session["my_complaints_history"] = complaints.ids[:100]
        values = self._prepare_portal_layout_values()
        values.update(
            complaints=complaints, pager=pager, page_name="complaint", default_url="/my/complaints"
        )
        return request.render("crm_customer_care.portal_my_complaints", values)

    @http.route("/my/complaints/<int:complaint_id>", type="http", auth="public", website=True)
    def portal_my_complaint(self, complaint_id, access_token=None, **kw):
        try:
            complaint_sudo = self._document_check_access(
                "crm.complaint", complaint_id, access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._get_page_view_values(
            complaint_sudo, access_token, {"page_name": "complaint"}, "my_complaints_history", False
        )
        values["complaint"] = complaint_sudo
        values["evidence"] = complaint_sudo._portal_evidence_attachments()
        values["upload_warning"] = self._pop_upload_warning(complaint_sudo)
        return request.render("crm_customer_care.portal_my_complaint", values)

    @http.route("/my/complaints/new", type="http", auth="user", website=True, methods=["GET"])
    def portal_complaint_form(self, **kw):
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="complaint_new", error={}, form=kw, **self._complaint_form_choices()
        )
        return request.render("crm_customer_care.portal_complaint_form", values)

    @http.route("/my/complaints/new", type="http", auth="user", website=True, methods=["POST"])
    def portal_complaint_submit(self, **post):
        error = self._complaint_form_errors(post)
        if error:
            values = self._prepare_portal_layout_values()
            values.update(
                page_name="complaint_new", error=error, form=post, **self._complaint_form_choices()
            )
            return request.render("crm_customer_care.portal_complaint_form", values)
        complaint, skipped = self._create_portal_complaint(post)
        if skipped:
            request.session[SKIPPED_UPLOADS_KEY] = {"complaint_id": complaint.id, "names": skipped}
        return request.redirect(f"/my/complaints/{complaint.id}")

    # ------------------------------------------------------------------ helpers

    def _complaint_form_choices(self):
        Complaint = request.env["crm.complaint"]
        categories = Complaint._fields["category"]._description_selection(request.env)
        Order = request.env["sale.order"]
        orders = Order.browse()
        if Order.has_access("read"):
            orders = Order.search([("state", "=", "sale")], order="date_order desc", limit=50)
        return {"categories": categories, "orders": orders}

    def _complaint_form_errors(self, post):
        error = {}
        if not (post.get("subject") or "").strip():
            error["subject"] = request.env._("Tell us in a few words what went wrong.")
        if not (post.get("description") or "").strip():
            error["description"] = request.env._("Describe what happened.")
        categories = dict(request.env["crm.complaint"]._fields["category"].selection)
        if post.get("category") not in categories:
            error["category"] = request.env._("Choose what the complaint is about.")
        return error

    def _create_portal_complaint(self, post):
        """Created as superuser for the logged-in customer only: a portal user cannot create
        records, and nothing from the form may point at another customer's documents."""
        partner = request.env.user.partner_id
        order = request.env["sale.order"]
        if post.get("sale_order_id", "").isdigit():
            order = order.browse(int(post["sale_order_id"])).exists()
            if order and not order.has_access("read"):
                order = request.env["sale.order"]
        description = plaintext2html(post["description"].strip())
        complaint = (
            request.env["crm.complaint"]
            .sudo()
            .create(
                {
                    "subject": post["subject"].strip()[:200],
                    "description": description,
                    "category": post["category"],
                    "channel": "portal",
                    "partner_id": partner.id,
                    "sale_order_id": order.id,
                    "company_id": (
                        order.company_id or partner.company_id or request.env.company
                    ).id,
                    "user_id": False,
                }
            )
        )
        complaint.message_subscribe(partner_ids=partner.ids)
        skipped = self._attach_uploads(complaint, request.httprequest.files.getlist("attachments"))
        return complaint, skipped

    def _attach_uploads(self, complaint, uploads):
        """Attach the files within the size limit; return the names of those over it, so
        that the customer is told (the complaint goes through with the others)."""
        attachments, skipped = [], []
        for upload in uploads:
            content = upload.read(MAX_ATTACHMENT_BYTES + 1)
            if not upload.filename or not content:
                continue
            if len(content) > MAX_ATTACHMENT_BYTES:
                skipped.append(upload.filename[:100])
                continue
            attachments.append(
                {
                    "name": upload.filename,
                    "datas": base64.b64encode(content),
                    "res_model": complaint._name,
                    "res_id": complaint.id,
                }
            )
        if attachments:
            created = request.env["ir.attachment"].sudo().create(attachments)
            complaint.message_post(
                body=request.env._("Evidence sent with the complaint."),
                attachment_ids=created.ids,
                author_id=request.env.user.partner_id.id,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        if skipped:
            complaint.message_post(
                body=request.env._(
                    "Not attached, over the %(size)s MB limit: %(files)s. Ask the customer for "
                    "smaller files.",
                    size=MAX_ATTACHMENT_BYTES // (1024 * 1024),
                    files=", ".join(skipped),
                ),
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
        return skipped

    def _pop_upload_warning(self, complaint):
        """The files of the submit that led here which were too large, said once."""
        skipped = request.session.get(SKIPPED_UPLOADS_KEY)
        if not skipped or skipped.get("complaint_id") != complaint.id:
            return False
        request.session.pop(SKIPPED_UPLOADS_KEY, None)
        return request.env._(
            "Your complaint was received, but these files were not attached because each file "
            "may be at most %(size)s MB: %(files)s. Send smaller files in a message below.",
            size=MAX_ATTACHMENT_BYTES // (1024 * 1024),
            files=", ".join(skipped.get("names") or []),
        )
