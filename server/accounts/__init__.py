"""Accounts: people, their sign-in tokens, export of everything and deletion of everything."""
