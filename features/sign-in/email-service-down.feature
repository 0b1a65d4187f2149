@stub_only @C09
Feature: When the email service is down or does not answer
  The sign-in code travels by email. If the email service is down, or accepts the
  connection but never answers, Sara is told at once that the code could not be sent,
  no half-made sign-in is left behind, and signing in works again as soon as the service
  is back.

  Scenario: The email service is down when Sara asks for her code
    Given Sara has an S-login
    And the email service is down
    When Sara tries to get a sign-in code
    Then Sara is told the code could not be sent and to try again later
    When the email service is back
    And Sara signs in with the code from her email
    Then Sara sees her own details on "Mina uppgifter"

  Scenario: The email service does not answer when Sara asks for her code
    Given Sara has an S-login
    And the email service stops answering
    When Sara tries to get a sign-in code
    Then Sara is told the code could not be sent and to try again later
    When the email service answers again
    And Sara signs in with the code from her email
    Then Sara sees her own details on "Mina uppgifter"
