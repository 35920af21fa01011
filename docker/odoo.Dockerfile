# Odoo 18 as published, plus what the addons need: rtlcss (without it Odoo silently draws
# Persian left to right) and the addons' Python dependencies.
FROM odoo:18
USER root
RUN command -v rtlcss >/dev/null || npm install -g rtlcss
RUN pip3 install --no-cache-dir --break-system-packages "phonenumbers>=8.13" "email-validator>=2.1" \
    || pip3 install --no-cache-dir "phonenumbers>=8.13" "email-validator>=2.1"
USER odoo
