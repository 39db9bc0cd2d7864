"""``jixiao identity``: say which reports are the same report (or not)."""

from __future__ import annotations

import click

from jixiao.cli.common import db_option, require_database
from jixiao.cli.output import output_options, records_of, write_records
from jixiao.cli.render import print_table


@click.group("identity")
def identity() -> None:
    """Which rows are the same report: views count each report once (docs/SCHEMA.md).

    \b
    jixiao identity set 12 '岳阳市||电子政务外网|2018|selfevaluation'   merge report 12 into that one
    jixiao identity set 12 split-2019-copy                          count report 12 on its own
    jixiao identity clear 12                                        back to the computed key
    """


@identity.command("set")
@db_option
@click.argument("report_id", type=int)
@click.argument("key")
@click.option("--note", help="Why (kept with the override).")
def set_cmd(db_url: str, report_id: int, key: str, note: str | None) -> None:
    """Give report REPORT_ID the identity KEY (another report's identity_key merges them)."""
    from jixiao.load.overrides import set_override

    stored = set_override(require_database(db_url), report_id, key, note)
    click.echo(f"report {report_id}: identity {stored}")


@identity.command("clear")
@db_option
@click.argument("report_id", type=int)
def clear_cmd(db_url: str, report_id: int) -> None:
    """Drop the override of REPORT_ID: its identity is computed from its fields again."""
    from jixiao.load.overrides import clear_override

    found = clear_override(require_database(db_url), report_id)
    click.echo(f"report {report_id}: " + ("override removed" if found else "had no override"))


@identity.command("list")
@db_option
@output_options
def list_cmd(db_url: str, output: str | None) -> None:
    """Every identity override."""
    from jixiao.load.overrides import list_overrides

    found = list_overrides(require_database(db_url))
    if output:
        write_records(records_of(found), output)
        return
    if not found:
        click.echo("no identity override")
        return
    print_table(
        ["reports", "identity", "note", "stable_key"],
        [(",".join(map(str, o.report_ids)), o.report_key, o.note, o.stable_key) for o in found],
    )
