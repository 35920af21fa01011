# Odoo 18 as published, plus what the suite needs: rtlcss (without it Odoo silently draws
# Persian left to right), wkhtmltopdf (PDF reports: the official image has it), the Python
# packages of the addons' external_dependencies, and the set-up script of the stack.
FROM odoo:18
USER root
RUN command -v rtlcss >/dev/null || npm install -g rtlcss
RUN command -v wkhtmltopdf >/dev/null \
    || (apt-get update && apt-get install -y --no-install-recommends wkhtmltopdf \
        && rm -rf /var/lib/apt/lists/*)
COPY docker/odoo-requirements.txt /opt/crm-practice/requirements.txt
RUN pip3 install --no-cache-dir --break-system-packages -r /opt/crm-practice/requirements.txt \
    || pip3 install --no-cache-dir -r /opt/crm-practice/requirements.txt
COPY scripts/crm_setup.py /opt/crm-practice/crm_setup.py
USER odoo
