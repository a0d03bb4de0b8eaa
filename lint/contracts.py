"""Custom import-linter contract types (registered in pyproject.toml, `contract_types`).

``pure``: a package imports nothing but the standard library, itself and what the contract
allows. import-linter's own ``forbidden`` contract lists what may *not* be imported; a pure
package needs the opposite, an allow-list, so that a new dependency (Django, another app) breaks
the contract without anyone having to think of forbidding it first.
"""

from __future__ import annotations

import sys
from typing import cast

from grimp import ImportGraph
from importlinter import Contract, ContractCheck, fields, output


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


class PureContract(Contract):
    """Source packages may import only the standard library, themselves and `allowed_modules`.

    Needs ``include_external_packages = true`` so that third-party imports are in the graph.
    Options:
        - source_modules:  the packages that must stay pure (each with its descendants);
        - allowed_modules: project modules or third-party packages they may import besides
          the standard library (optional).
    """

    type_name = "pure"

    source_modules = fields.SetField(subfield=fields.StringField())
    allowed_modules = fields.SetField(subfield=fields.StringField(), required=False)

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        allowed = sorted(cast("set[str] | None", self.allowed_modules) or set())
        violations: list[dict[str, object]] = []
        missing: list[str] = []
        for source in sorted(cast("set[str]", self.source_modules)):
            if source not in graph.modules:
                missing.append(source)
                continue
            for importer in sorted({source} | graph.find_descendants(source)):
                for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                    if _within(imported, source) or imported.split(".")[0] in sys.stdlib_module_names:
                        continue
                    if any(_within(imported, name) for name in allowed):
                        continue
                    lines = [
                        detail["line_number"]
                        for detail in graph.get_import_details(importer=importer, imported=imported)
                    ]
                    violations.append({"importer": importer, "imported": imported, "lines": lines})
        return ContractCheck(
            kept=not violations and not missing,
            metadata={"violations": violations, "missing": missing, "allowed": allowed},
        )

    def render_broken_contract(self, check: ContractCheck) -> None:
        for source in check.metadata["missing"]:
            output.print_error(f"{source} is not in the import graph (moved or renamed?).")
            output.new_line()
        allowed = ", ".join(check.metadata["allowed"]) or "nothing"
        for violation in check.metadata["violations"]:
            lines = ", ".join(f"l.{line}" for line in violation["lines"])
            output.print_error(
                f"{violation['importer']} imports {violation['imported']} ({lines}); "
                f"it may import only the standard library and {allowed}."
            )
            output.new_line()
