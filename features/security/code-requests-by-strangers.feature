@C09
Feature: Strangers can neither flood a customer's inbox nor lock her out
  Anyone can type Sara's address into the sign-in form, and anyone can guess at the code
  that goes to her. The sign-in service sends one address only a few code emails in a
  quarter of an hour, however many requests arrive, and other people's wrong guesses
  never stop Sara's own code from working. Both rules hold for any address, so they give
  away nothing about who has an S-login.

  Scenario: A hundred requests for Sara's address bring her only a few emails
    Given Sara has an S-login
    When someone asks for a sign-in code for Sara's address a hundred times
    Then Sara's inbox holds no more than five emails from the sign-in service

  Scenario: Wrong guesses by others do not keep Sara out
    Given Sara has an S-login
    And Sara has asked for a sign-in code
    When someone enters a dozen wrong codes for Sara's address
    And Sara enters the code from her email
    Then Sara sees her own details on "Mina uppgifter"
