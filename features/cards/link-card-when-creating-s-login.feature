@stub_only @C10 @C15
Feature: Adding the S-Förmånskort while creating the S-login
  Elias is an owner-customer who shops online for the first time. When he creates his
  S-login he adds his S-Förmånskort straight away. He says whether he is a personal or a
  business customer, identifies himself with his bank, and from that moment the shops
  know him as an owner-customer, so Bonus and owner-customer prices apply to his very
  first online purchase.

  Scenario: A personal customer adds his card while creating the S-login
    Given Elias is an owner-customer with an S-Förmånskort
    When Elias creates an S-login and adds his card as a personal customer
    Then Elias is identified as an owner customer at once

  Scenario: A business customer adds the company's card while creating the S-login
    Given Aino acts for Kahvila Koivu Oy as its business customer
    When Aino creates an S-login and adds her card as a business customer
    Then Aino is identified as a business customer at once
