"""Living documentation: Cucumber Messages, the HTML report and the claims page of a run."""
