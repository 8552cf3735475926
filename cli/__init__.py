"""tipkb's command line: a thin typer layer over kb/."""


def run() -> None:
    """The `tipkb` command (pyproject.toml)."""
    import gc

    # A run is short and builds many objects that live to its end (the models of a whole-Code KB, an index's
    # rows; typer's, rich's and pydantic's as they are imported): the cyclic collector would only scan them,
    # over and over (a quarter of `tipkb index` at whole-Code scale with the default thresholds, a tenth of a
    # whole-Code `diff` when it collected every 100,000 objects, 2 % of a lookup while the modules are
    # imported). So a run does not collect, and the whole-Code commands peak at the same memory
    # (benchmarks/README.md). What leaves garbage in cycles as it goes turns the collector on again: `serve`,
    # `qualify` of several files, `import --write` while it edits, and the workers that parse a cold KB.
    gc.disable()
    from .app import run as command

    try:
        command()
    finally:
        # The interpreter's last act is one more collection, over every object still alive: a fifth of a
        # whole-Code diff's run. Nothing a finished command built needs collecting, so it is left out (frozen).
        gc.freeze()
