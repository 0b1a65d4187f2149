@stub_only @C17
Feature: When the card cannot be added, owner-customer service helps
  Adding a card can fail for reasons the customer cannot fix on the web: there is no card
  for her identity, the card already belongs to another S-login, or the bank
  identification does not go through. The service then says so plainly and directs her
  to owner-customer service, by phone or through the feedback form with the topic
  "Ägarkundsrelationen, S-Förmånskortet och Bonus". Nothing is left half-linked.

  Scenario: There is no card for her identity
    Given Sara has no S-Förmånskort
    And Sara is signed in on the S-Etukortti site
    When Sara tries to add her S-Förmånskort under "Förmånskort och medlemskap"
    Then Sara is directed to owner-customer service
    And no card is linked to Sara's S-login

  Scenario: The card already belongs to another S-login
    Given Sara is an owner-customer with an S-Förmånskort
    And Sara's S-Förmånskort is already linked to another S-login
    And Sara is signed in on the S-Etukortti site
    When Sara tries to add her S-Förmånskort under "Förmånskort och medlemskap"
    Then Sara is directed to owner-customer service
    And no card is linked to Sara's S-login

  Scenario Outline: The bank identification <how>
    Given Sara is an owner-customer with an S-Förmånskort
    And Sara is signed in on the S-Etukortti site
    And Sara's bank identification <how>
    When Sara tries to add her S-Förmånskort under "Förmånskort och medlemskap"
    Then Sara is directed to owner-customer service
    And no card is linked to Sara's S-login

    Examples:
      | how            |
      | is cancelled   |
      | fails          |
      | takes too long |

  Scenario: The business is not a customer
    Given Sara has no S-Förmånskort
    And Sara is signed in on the S-Etukortti site
    When Sara tries to add the card of a business that is not a customer
    Then Sara is directed to owner-customer service
    And no card is linked to Sara's S-login
