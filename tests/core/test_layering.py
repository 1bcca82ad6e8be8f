"""core is the floor: it imports no app above it, except the commands that assemble them."""

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "clientdesk" / "core"
ABOVE = ("accounts", "kb", "support", "orders", "backoffice", "api")


def imported_modules(tree: ast.AST):
    """Every module imported at run time (imports under ``if TYPE_CHECKING:`` are for types)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING"):
            node.body = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module


def is_above_core(module: str) -> bool:
    return any(
        module == f"clientdesk.{app}" or module.startswith(f"clientdesk.{app}.") for app in ABOVE
    )


def test_core_imports_no_app_above_it_outside_its_management_commands():
    offenders = [
        f"{path.relative_to(CORE)}: {module}"
        for path in sorted(CORE.rglob("*.py"))
        if "management" not in path.relative_to(CORE).parts
        for module in imported_modules(ast.parse(path.read_text()))
        if is_above_core(module)
    ]
    assert offenders == []
