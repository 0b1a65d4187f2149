@stub_only @C06
Feature: Signing in with bank codes once the card is linked
  An owner-customer whose S-Förmånskort is linked to her S-login can also sign in with
  her bank codes instead of an email code. Without a linked card the service cannot tell
  which S-login a bank identity belongs to, and says so.

  Scenario: Sara, whose card is linked, signs in with bank codes
    Given Sara is an owner-customer with an S-Förmånskort
    And Sara has linked her S-Förmånskort to her S-login
    When Sara signs in with bank codes
    Then Sara sees her own details on "Mina uppgifter"

  Scenario: Without a linked card, bank codes are not offered as a way in
    Given Sara has an S-login
    And Sara has no S-Förmånskort
    When Sara signs in with bank codes
    Then Sara is told that bank codes work once a card is linked
