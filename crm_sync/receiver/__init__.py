"""Push intake: web-form providers post signed deliveries to `crm-sync serve`.

    app.py         the HTTP receiver (Starlette on uvicorn): size, signature, rate, JSON,
                   then the store, and only then 2xx
    signatures.py  each provider's way of signing (Typeform, generic HMAC, shared token)
    limits.py      the per-source rate limit
    store.py       the deliveries' store: a RabbitMQ durable queue per source, persistent
                   messages, publisher confirms
    forwarder.py   stored deliveries, coalesced into batches, through the pipeline into
                   Odoo; acknowledged to the broker only once Odoo has answered

The receiver keeps apart from the pull scheduler; it shares the pipeline's validation,
batches, runs and leases (crm_sync/pipeline.py)."""
