"""The files in deploy/ that docs/deploy.md tells an operator to install stay true to the app."""
import re
import shlex
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def exec_starts() -> dict[str, list[str]]:
    commands = {}
    for unit in (DEPLOY / "systemd").glob("*.service"):
        text = unit.read_text().replace("\\\n", " ")
        line = re.search(r"^ExecStart=(.+)$", text, re.M).group(1)
        commands[unit.name] = shlex.split(line)
    return commands


def test_every_setting_in_the_example_environment_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    example = (DEPLOY / "emberwise.env.example").read_text()
    names = re.findall(r"^([A-Z_]+)=", example, re.M)
    assert names, "the example environment file sets nothing"
    undocumented = [n for n in names if f"`{n}`" not in readme]
    assert undocumented == []


def test_units_start_the_commands_the_app_really_has(runner):
    commands = exec_starts()
    assert {"emberwise-web.service", "emberwise-scheduler@.service",
            "emberwise-migrate.service"} <= set(commands)
    assert commands["emberwise-web.service"][-1] == "server:create_app()"
    for unit, argv in commands.items():
        if Path(argv[0]).name == "flask":
            result = runner.invoke(args=[*argv[1:], "--help"])
            assert result.exit_code == 0, f"{unit}: {' '.join(argv[1:])} is not a command"
