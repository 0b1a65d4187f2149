@C18 @C20
Feature: Trying again fixes a sign-in that a closed browser broke
  The support text says that simply trying again can fix AUTH-4376. This feature models
  the most common way that happens on a phone. Sara's browser keeps cookies only until it
  is closed (Samsung Internet and Chrome both offer this). While she switches to her mail
  app to read the code, the phone closes the browser to free memory. When she comes back,
  the browser restores her tab, but the sign-in cookie went with the closed browser, so
  entering the code ends in AUTH-4376. On her next try she stays in the browser, the
  cookie survives, and she signs in.

  Background:
    Given Sara has an S-login
    And Sara uses a Samsung phone whose browser keeps cookies only until it is closed

  Scenario: Closing the browser while reading the email loses the sign-in cookie
    Given Sara has asked for a sign-in code
    When the phone closes Sara's browser while she reads her email
    And Sara enters the code from her email
    Then Sara sees that sign-in failed with error code AUTH-4376
    And Sara's sign-in cookie was lost when the browser closed

  Scenario: Trying again without closing the browser signs her in
    Given sign-in has failed on Sara's phone because it closed the browser mid-way
    When Sara signs in with the code from her email
    Then Sara sees her own details on "Mina uppgifter"
