"""The tier segment now names tiers by code (one filter for every company's tiers): let the
update rewrite the filter that the data file created with the default company's tier ids."""


def migrate(cr, version):
    cr.execute(
        """
        UPDATE ir_model_data SET noupdate = FALSE
         WHERE module = 'crm_customer_contact'
           AND name = 'mailing_filter_top_tiers_not_unhappy'
        """
    )
