@stub_only @C04
Feature: A confirmed phone number lets the customer sign in with a text message
  Sara confirms her phone number with a code sent to it by text message. That makes her
  S-login safer, and from then on she can choose to get her sign-in code by text message
  instead of email. A number that is not confirmed never receives sign-in codes.

  Scenario: Sara confirms her phone number
    Given Sara is signed in on the S-Etukortti site
    When Sara confirms her phone number with the code from a text message
    Then Sara's S-login shows her phone number as confirmed

  Scenario: Sara signs in with a code from a text message
    Given Sara is signed in on the S-Etukortti site
    And Sara has confirmed her phone number
    When Sara signs in with a code from a text message
    Then Sara sees her own details on "Mina uppgifter"

  Scenario: A number that is not confirmed gets no code, and nobody can tell
    Given Sara has an S-login
    When Sara asks for a sign-in code by text message
    Then Sara sees the usual code page
    And no text message reaches Sara's phone

  Scenario: A landline number is caught, because no text message can reach it
    Given Sara is signed in on the S-Etukortti site
    When Sara gives her home landline number
    Then Sara is asked to check the phone number, with what she typed kept

  Scenario: While the text-message service is down, Sara is told and can try later
    Given Sara is signed in on the S-Etukortti site
    And the text-message service is down
    When Sara tries to confirm her phone number
    Then Sara is told that the text message cannot be sent right now
    And no text message reaches Sara's phone

  @C14
  Scenario: Sara changes her number: the new one is confirmed, the old one gets no codes
    Given Sara is signed in on the S-Etukortti site
    And Sara has confirmed her phone number
    And Sara gets a new phone number
    When Sara signs in with the code from her email
    And Sara confirms her new phone number with the code from a text message
    Then Sara's S-login shows her phone number as confirmed
    And Sara's old number no longer gets sign-in codes
