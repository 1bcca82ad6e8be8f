"""The staff side of requests: queues, a request's page and what agents do on it."""
