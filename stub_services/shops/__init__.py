"""The group's web shops: one process serving six storefronts, picked by the Host header."""
