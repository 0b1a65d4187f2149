"""Customer register stub: owner-customers and businesses, their cards, and card links."""
