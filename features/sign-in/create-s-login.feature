@C07 @C09
Feature: Creating an S-login on the S-Etukortti site
  S-login is how S Group customers identify themselves in the group's online services.
  Elias, a new customer, creates one on the S-Etukortti site with nothing but his email
  address: the site emails him a code, and the code is all he needs. There is no password.

  Scenario: A new customer creates an S-login with the code from his email
    Given Elias is a new customer without an S-login
    When Elias creates an S-login on the S-Etukortti site
    Then Elias sees his own details on "Mina uppgifter"
    And Elias was never asked for a password
