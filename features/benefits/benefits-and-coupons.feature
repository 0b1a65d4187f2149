@stub_only @C08 @C11
Feature: Benefits and coupons under "Förmåner och tips"
  Once her card is linked, Sara finds the benefits and coupons offered to her under the
  tab "Förmåner och tips" on the S-Etukortti site. In the mobile view she can use a coupon
  at the checkout, the way the mobile app does: it shows a barcode, and works once.

  Scenario: Sara sees the coupons offered to her, and only those
    Given Sara is an owner-customer with an S-Förmånskort
    And Sara has linked her S-Förmånskort to her S-login
    And Sara has been offered a coupon "Kaffe -30 %"
    And Mikko is an owner-customer with an S-Förmånskort
    And Mikko has been offered a coupon "Glass 2 för 1"
    When Sara opens "Förmåner och tips" on the S-Etukortti site
    Then Sara sees the coupon "Kaffe -30 %"
    And Sara does not see the coupon "Glass 2 för 1"
    And Sara sees her owner-customer benefits

  Scenario: Without a linked card the tab tells Sara how to get her benefits
    Given Sara has an S-login
    When Sara opens "Förmåner och tips" on the S-Etukortti site
    Then Sara is told to link her S-Förmånskort to see her benefits

  @device:samsung-s24-internet-29
  Scenario: In the mobile view Sara uses a coupon once
    Given Sara is an owner-customer with an S-Förmånskort
    And Sara has linked her S-Förmånskort to her S-login
    And Sara has been offered a coupon "Kaffe -30 %"
    When Sara uses the coupon "Kaffe -30 %" on her phone
    Then Sara sees the coupon's barcode to show at the checkout
    And the coupon "Kaffe -30 %" cannot be used a second time

  Scenario: On a computer the coupon page points Sara to the mobile view
    Given Sara is an owner-customer with an S-Förmånskort
    And Sara has linked her S-Förmånskort to her S-login
    And Sara has been offered a coupon "Kaffe -30 %"
    When Sara opens the coupon "Kaffe -30 %" on the S-Etukortti site
    Then Sara is told coupons are used in the mobile view or the app
