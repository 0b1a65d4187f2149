@matrix @C18 @C19
Feature: Which browsers can finish signing in
  A support engineer hears "sign-in fails on my phone" and wants to know which browser
  settings cause it. Each cookie setting below runs on every device of the chosen matrix
  (the Samsung phone by default, every profile in the nightly run), and the table says
  what the customer should see. Only settings that refuse the sign-in site's own cookies
  end in AUTH-4376; blocking third-party cookies does not, because the sign-in cookie is
  set by the sign-in site itself during a top-level visit.

  Scenario Outline: Signing in when the browser <setting>
    Given Sara has an S-login
    And Sara's browser <setting>
    When Sara signs in with the code from her email
    Then <what Sara sees>

    Examples:
      | setting                               | what Sara sees                                           |
      | allows cookies                        | Sara sees her own details on "Mina uppgifter"            |
      | blocks cookies                        | Sara sees that sign-in failed with error code AUTH-4376  |
      | blocks cookies from the sign-in site  | Sara sees that sign-in failed with error code AUTH-4376  |
      | blocks third-party cookies            | Sara sees her own details on "Mina uppgifter"            |
      | keeps cookies only until it is closed | Sara sees her own details on "Mina uppgifter"            |
