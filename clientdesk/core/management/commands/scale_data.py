"""``manage.py scale_data --scale F``: fill the database with a large, skewed data set.

The generator lives with the benchmarks (bench/scale/generator.py, imported
from the repository's root, where manage.py runs); its docstring says what it
makes. A second run refuses: the scale data is there already.
"""

import argparse
import math

from django.core.management.base import BaseCommand, CommandError, CommandParser


def positive_float(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not (number > 0 and math.isfinite(number)):
        raise argparse.ArgumentTypeError(f"{value!r} is not a positive number")
    return number


class Command(BaseCommand):
    help = (
        "Fill the configured database with a large, skewed data set (scale 1: about 3,000 "
        "customer accounts, 300,000 orders, 100,000 requests) and the users "
        "big.admin@scale.example and small.user@scale.example. Refuses to run twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale", type=positive_float, default=1.0, help="a positive number (default 1)"
        )
        parser.add_argument("--seed", type=int, default=1, help="same seed, same data")
        parser.add_argument("--batch-size", type=int, default=5_000)

    def handle(self, *args, scale: float, seed: int, batch_size: int, **options) -> None:
        try:
            from bench.scale import generator
        except ImportError as error:
            raise CommandError(
                "scale_data needs the repository's bench/ folder: run it from the repository root."
            ) from error

        def log(line: str) -> None:
            if options["verbosity"] > 0:
                self.stdout.write(line)

        log(f"scale_data: scale {scale:g}, seed {seed}")
        try:
            generator.generate(scale=scale, seed=seed, batch_size=max(1, batch_size), log=log)
        except generator.ScaleDataExists as refusal:
            raise CommandError(str(refusal)) from None
