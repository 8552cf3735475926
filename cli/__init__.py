"""tipkb's command line: a thin typer layer over kb/."""
