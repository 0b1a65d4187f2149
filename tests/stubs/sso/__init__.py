"""Single sign-on tests of the sign-in service: shops, silent check, sid, cookies, sign-out."""
