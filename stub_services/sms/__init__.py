"""Text-message gateway stub: servers send messages, tests read them back by number."""
