"""What the tests of the composer's mass-mail mode share (here and in crm_customer_kpi):
a template for contacts and a mass mail sent with it."""


def partner_template(env, name, **values):
    """A mail template of contacts, addressed to the contact itself."""
    return env["mail.template"].create(
        {
            "name": name,
            "model_id": env["ir.model"]._get_id("res.partner"),
            "subject": name,
            "body_html": f"<p>{name}</p>",
            "partner_to": "{{ object.id }}",
            **values,
        }
    )


def mass_mail_composer(env, user, partners, template, **values):
    """The composer in mass-mail mode, as a list's Actions > Send Email opens it."""
    return (
        env["mail.compose.message"]
        .with_user(user)
        .with_context(
            default_model="res.partner",
            default_res_ids=partners.ids,
            default_composition_mode="mass_mail",
            default_template_id=template.id,
        )
        .create(values)
    )
