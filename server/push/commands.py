"""`flask push init`: create the VAPID keys browsers subscribe with."""
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from server.push.service import push_settings
from server.push.vapid import KEY_FILE, create_key_file, keys_from_env, load_keys

push_cli = AppGroup("push", help="Web Push notifications.")


@push_cli.command("init")
def init_command():
    """Create instance/vapid.json unless keys already exist, then print the public key.

    Existing keys are never replaced: every subscription is bound to them.
    """
    settings = push_settings(current_app)
    if keys_from_env(settings):
        click.echo("Using VAPID keys from the environment (VAPID_PRIVATE_KEY).")
    else:
        path = Path(current_app.instance_path) / KEY_FILE
        created = create_key_file(path)
        click.echo(f"{'Created' if created else 'Keeping existing'} VAPID keys in {path}")
    click.echo(f"public key: {load_keys(current_app.instance_path, settings, create=False).public_key}")
