"""`flask push init`: create the VAPID keys browsers subscribe with."""
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from server.push.service import push_settings
from server.push.vapid import KEY_FILE, b64url, create_key_file, keys_from_env, load_keys

push_cli = AppGroup("push", help="Web Push notifications.")


@push_cli.command("init")
def init_command():
    """Create instance/vapid.json unless keys already exist, then print the public key.

    Existing keys are never replaced: every subscription is bound to them. Keys from the
    file are also printed as one ``VAPID_PRIVATE_KEY=...`` line for the env file, so the
    web app and every scheduler process on every machine share them (docs/deploy.md).
    """
    settings = push_settings(current_app)
    from_env = keys_from_env(settings) is not None
    if from_env:
        click.echo("Using VAPID keys from the environment (VAPID_PRIVATE_KEY).")
    else:
        path = Path(current_app.instance_path) / KEY_FILE
        created = create_key_file(path)
        click.echo(f"{'Created' if created else 'Keeping existing'} VAPID keys in {path}")
    keys = load_keys(current_app.instance_path, settings, create=False)
    if not from_env:
        raw = keys.private_key.private_numbers().private_value.to_bytes(32, "big")
        click.echo("Paste into the env file of every machine (keep it secret):")
        click.echo(f"VAPID_PRIVATE_KEY={b64url(raw)}")
    click.echo(f"public key: {keys.public_key}")
