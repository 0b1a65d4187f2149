"""S-Etukortti stub: the account site ("Mina uppgifter"), an OIDC client of the sign-in service."""
