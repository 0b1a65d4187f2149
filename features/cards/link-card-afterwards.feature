@stub_only @C16
Feature: Adding the S-Förmånskort to an existing S-login
  Sara created her S-login without her card. She adds it later on the S-Etukortti site,
  under "Mina uppgifter", in the section "Förmånskort och medlemskap".

  Scenario: Sara adds her card under "Förmånskort och medlemskap"
    Given Sara is an owner-customer with an S-Förmånskort
    And Sara is signed in on the S-Etukortti site
    When Sara adds her S-Förmånskort under "Förmånskort och medlemskap"
    Then "Mina uppgifter" shows Sara's card under "Förmånskort och medlemskap"
