"""Bank authentication broker stub: an OIDC provider modelled on a Finnish Trust Network broker."""
