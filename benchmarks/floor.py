"""The floor for tipkb's timings: what any typer + rich command pays, a one-argument typer app that prints a
two-row rich table. benchmarks/run.py runs it as a cold process beside each tipkb command, as tipkb is run.

    python benchmarks/floor.py 128
"""

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(add_completion=False)


@app.command()
def main(word: str) -> None:
    table = Table("row", "value")  # neutral content: this is no statement of the law
    table.add_row("first", word)
    table.add_row("second", word[::-1])
    Console().print(table)


if __name__ == "__main__":
    app()
