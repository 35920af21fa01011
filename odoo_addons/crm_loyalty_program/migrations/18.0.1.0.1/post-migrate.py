"""The key-customer card mail printed the discount as "5.0%": print it as "5%", like the card.

The template is noupdate, so an upgrade leaves it alone. Rewrite only the old discount
snippet, in each language, and only where it is still there: a template the company has
edited elsewhere keeps its edits, one whose discount line was rewritten is left as it is.
"""

import json
import re

OLD_DISCOUNT = re.compile(r'<t t-out="object\.level_id\.discount"\s*(?:/>|></t>)%')
NEW_DISCOUNT = '<bdi dir="ltr" t-out="object.level_id.discount_label or \'\'">5%</bdi>'


def rewrite_discount(body):
    """The body with the old discount snippet replaced; unchanged when it is not there."""
    return OLD_DISCOUNT.sub(NEW_DISCOUNT, body) if body else body


def migrate(cr, version):
    cr.execute(
        """SELECT t.id, t.body_html FROM mail_template t
             JOIN ir_model_data d ON d.model = 'mail.template' AND d.res_id = t.id
            WHERE d.module = 'crm_loyalty_program' AND d.name = 'mail_template_key_customer_card'"""
    )
    for template_id, bodies in cr.fetchall():
        if not bodies:
            continue
        new_bodies = {lang: rewrite_discount(body) for lang, body in bodies.items()}
        if new_bodies != bodies:
            cr.execute(
                "UPDATE mail_template SET body_html = %s::jsonb WHERE id = %s",
                (json.dumps(new_bodies), template_id),
            )
