"""Building blocks shared by the stub services: settings, storage, clock, i18n, TLS, server."""
