"""tipkb's command line: a thin typer layer over kb/."""


def run() -> None:
    """The `tipkb` command (pyproject.toml)."""
    import gc

    # A run is short and builds many objects that live to its end (the models of a whole-Code KB, an index's
    # rows; typer's, rich's and pydantic's as they are imported), few of them in cycles: the cyclic collector
    # would only scan them, over and over (a quarter of `tipkb index` at whole-Code scale with the default
    # thresholds, a tenth of a whole-Code `diff` when it collected every 100,000 objects, 2 % of a lookup while
    # the modules are imported). So a run does not collect; the peak memory of the whole-Code commands stayed
    # the same (benchmarks/README.md). `serve`, which runs until stopped, collects again.
    gc.disable()
    from .app import run as command

    command()
