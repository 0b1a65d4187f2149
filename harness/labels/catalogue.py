"""The labels a customer reads, as one typed catalogue that every language fills in."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Labels:
    """One language's UI texts: what the page objects look for and the steps expect."""

    # The sign-in service and S-Etukortti's front page and "Mina uppgifter"
    sign_in: str
    create_s_login: str
    email_field: str
    send_code: str
    code_heading: str
    code_field: str
    confirm_code: str
    wrong_code: str
    too_many_attempts: str
    code_expired: str
    failure_heading: str
    failure_code: str
    service_phone: str
    service_hours: str
    check_email_address: str
    my_details: str
    sign_out: str
    email_row: str
    code_not_sent: str
    try_later: str
    # Card linking, the bank broker, the S-login's own details and updated terms
    link_heading: str
    personal: str
    business: str
    business_id: str
    to_bank: str
    skip: str
    linked_heading: str
    owner_customer_now: str
    continue_: str
    failed_heading: str
    card_service_hours: str
    feedback_form: str
    feedback_topic: str
    cards_section: str
    add_card: str
    owner_customer: str
    bank_choice_heading: str
    bank_user: str
    bank_identify: str
    bank_cancel: str
    bank_too_long: str
    bank_back: str
    bank_login: str
    bank_login_unavailable: str
    sms_login: str
    phone_field: str
    account_heading: str
    edit_s_login: str
    add_phone: str
    send_confirmation_code: str
    confirm_phone_heading: str
    confirm: str
    phone_confirmed: str
    check_phone: str
    sms_unavailable: str
    change_email: str
    new_email: str
    confirm_email_heading: str
    email_changed: str
    change_customer_data: str
    street: str
    postal_code: str
    city: str
    save: str
    saved: str
    check_postal_code: str
    terms_heading: str
    terms_of_use: str
    privacy_notice: str
    terms_read: str
    accept_terms: str
    must_accept: str
    business_customer_now: str
    card_name: str
    feedback_form_url: str
    # The shops, S-Etukortti's owner-customer tabs and the household
    signed_in_as: str
    buy: str
    sign_in_to_shop: str
    order_heading: str
    to_pay: str
    bonus_recorded: str
    no_bonus: str
    my_profile: str
    sso_refused: str
    app_heading: str
    benefits_tab: str
    your_coupons: str
    your_benefits: str
    link_card_first: str
    redeem: str
    mobile_only: str
    show_at_checkout: str
    coupon_used: str
    bonus_tab: str
    household_tab: str
    invite_email: str
    send_invite: str
    invite_sent: str
    invitation_subject: str
    join_heading: str
    join: str
    joined: str
    invitation_invalid: str
    member_role: str
    invalid_request: str
    shop_add_card: str
    purchases_column: str
