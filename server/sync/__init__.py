"""The offline sync protocol: push changes, pull what changed since a cursor."""
