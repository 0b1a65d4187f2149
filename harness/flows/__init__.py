"""Customer journeys (sign in, create an S-login, link a card, buy, invite …) that steps call;
each drives page objects and clients, and records what later steps check in the log."""
