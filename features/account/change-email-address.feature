@stub_only @C14
Feature: Changing the S-login's email address
  Sara signs in with her email address, so that address is her S-login. When she moves to
  a new address she changes it on the S-Etukortti site. The change is confirmed with a
  code sent to the new address, and her old address is told about it, so nobody can move
  her S-login without her noticing.

  Scenario: Sara changes her address and confirms it from the new inbox
    Given Sara is signed in on the S-Etukortti site
    When Sara changes her S-login email address
    Then Sara's S-login shows her new email address
    And Sara's old address is told that the address was changed
    And "Mina uppgifter" shows Sara's new email address

  Scenario: A new address with a typo is caught
    Given Sara is signed in on the S-Etukortti site
    When Sara changes her S-login email address to one with a typo
    Then Sara is asked to check the email address, with what she typed kept
