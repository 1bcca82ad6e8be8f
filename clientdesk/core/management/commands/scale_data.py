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
        "Fill the configured database with a large, skewed data set (scale 1: 5,000 customer "
        "accounts, 50,000 users, 500,000 requests with about 3,000,000 messages, 200,000 "
        "contracts, 1,000,000 orders with about 2,000,000 shipments, about 3,000,000 invoices "
        "and credit notes, about 2,000,000 payments; the largest account holds 100,000 "
        "invoices) and the users big.admin@scale.example and small.user@scale.example. "
        "Written with COPY on PostgreSQL. Refuses to run twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale", type=positive_float, default=1.0, help="a positive number (default 1)"
        )
        parser.add_argument("--seed", type=int, default=1, help="same seed, same data")
        parser.add_argument(
            "--flush-rows",
            type=int,
            default=50_000,
            help="rows held in memory before they are written (default 50,000)",
        )

    def handle(self, *args, scale: float, seed: int, flush_rows: int, **options) -> None:
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
            generator.generate(scale=scale, seed=seed, flush_rows=max(1, flush_rows), log=log)
        except generator.ScaleDataExists as refusal:
            raise CommandError(str(refusal)) from None
