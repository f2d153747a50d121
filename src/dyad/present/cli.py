"""The `dyad` command: a click group whose commands are loaded lazily from one table.

Each command group lives in its own module (`present/cli_<name>.py`) and calls one public library function.
No import-time registration: `COMMANDS` below is the single place that names every command.
"""

from __future__ import annotations

import importlib
import sys

import click

from dyad import __version__
from dyad.errors import DyadError, UsageError

# name -> "module:attribute" of a click.Command. Keep sorted by pipeline order.
COMMANDS: dict[str, str] = {
    "ingest": "dyad.present.cli_ingest:ingest",
    "articles": "dyad.present.cli_ingest:articles",
    "show": "dyad.present.cli_ingest:show",
    "extract": "dyad.present.cli_extract:extract",
    "events": "dyad.present.cli_extract:events",
    "eval": "dyad.present.cli_eval:eval_command",
    "knowledge": "dyad.present.cli_knowledge:knowledge",
    "timeline": "dyad.present.cli_measure:timeline",
    "index": "dyad.present.cli_measure:index",
    "episodes": "dyad.present.cli_measure:episodes",
    "report": "dyad.present.cli_report:report",
}


class LazyGroup(click.Group):
    """A click group that imports a command's module only when that command is used or listed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, _, attr = target.partition(":")
        module = importlib.import_module(module_name)
        command = getattr(module, attr)
        if not isinstance(command, click.Command):
            raise TypeError(f"{target} is not a click command")
        return command


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", prog_name="dyad")
def cli() -> None:
    """dyad: an evidence-grounded model of the relationship between two countries, from the articles you have.

    Typical use: `dyad ingest articles/` then `dyad events`, `dyad timeline`, `dyad index`, `dyad report`.
    """


def main(argv: list[str] | None = None) -> int:
    """Entry point: run the CLI and turn domain errors into one stderr line and an exit code.

    A command that partly failed (some inputs bad, the rest done) ends with `ctx.exit(1)`.
    """
    try:
        # Without standalone mode, click returns ctx.exit()'s code instead of raising SystemExit.
        result = cli.main(args=argv, prog_name="dyad", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return int(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return 2 if isinstance(exc, click.UsageError) else exc.exit_code
    except UsageError as exc:
        click.echo(f"error: {exc.line()}", err=True)
        return 2
    except DyadError as exc:
        click.echo(f"error: {exc.line()}", err=True)
        return 1
    except BrokenPipeError:
        sys.stderr.close()
        return 0
    return result if isinstance(result, int) else 0


def console() -> None:
    """The console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
