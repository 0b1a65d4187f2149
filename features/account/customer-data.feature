@stub_only @C05
Feature: Keeping one's own customer data up to date on S-Etukortti
  Owner-customers keep their contact details current on the S-Etukortti site, under
  "Mina uppgifter", so that mail about Bonus and membership reaches them.

  Scenario: Sara updates her postal address
    Given Sara is signed in on the S-Etukortti site
    When Sara updates her postal address on "Mina uppgifter"
    Then "Mina uppgifter" shows Sara's new postal address

  Scenario: A postal code with a digit missing is caught
    Given Sara is signed in on the S-Etukortti site
    When Sara enters a postal code with only four digits
    Then Sara is asked to check the postal code, with what she typed kept
