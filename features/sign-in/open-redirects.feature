Feature: The sign-in service never leads a customer to a site it does not know
  A phishing message can carry a sign-in link whose return address points to a look-alike
  site. The sign-in service sends customers back only to the exact addresses its shops
  registered, so such a link ends on the sign-in service with a clear message, even for a
  customer who is signed in and would otherwise be sent straight back.

  Scenario Outline: A sign-in link that would return to <where> is refused
    Given Sara has an S-login
    And Sara has signed in on Prisma
    When Sara opens a Prisma sign-in link that returns to "<address>"
    Then Sara stays on the sign-in service and is told the sign-in request is invalid

    Examples:
      | where                         | address                                |
      | a look-alike domain           | https://prisma.test.evil.test/callback |
      | another site                  | https://evil.test/callback             |
      | another page of Prisma itself | https://prisma.test/sv/                |
