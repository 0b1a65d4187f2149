"""S-login stub: email-code sign-in, account creation, SSO session and OIDC provider."""
