"""Code actions: quick fixes for the findings under the cursor, and fix-all.

For each finding: its safe fix (the preferred quick fix), each alternative
adapted to the original's case and inflection, and a suppression directive.
"Fix all safe findings in this file" comes as a quick fix beside a finding and
as the source action ``source.fixAll.allylint``, which editors can run on save.
Edits carry the document's version, so a client applies them only to the text
they were computed for.
"""

from __future__ import annotations

from collections.abc import Sequence

from lsprotocol import types

from allylint.server.diagnostics import Checked, text_range
from allylint.server.results import QuickFix, fix_all

FIX_ALL_KIND = f"{types.CodeActionKind.SourceFixAll.value}.allylint"
KINDS: list[str] = [types.CodeActionKind.QuickFix, FIX_ALL_KIND]


def _wanted(kind: str, only: Sequence[str] | None) -> bool:
    """Kinds are hierarchical: asking for "source" includes "source.fixAll.allylint"."""
    if only is None:
        return True
    return any(kind == asked or kind.startswith(f"{asked}.") for asked in only)


def _edit(
    uri: str, version: int, checked: Checked, fix: QuickFix, versioned: bool
) -> types.WorkspaceEdit:
    edits = [
        types.TextEdit(
            range=text_range(checked.positions, replacement.start, replacement.end),
            new_text=replacement.new_text,
        )
        for replacement in fix.replacements
    ]
    if not versioned:
        return types.WorkspaceEdit(changes={uri: edits})
    document = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
    return types.WorkspaceEdit(
        document_changes=[types.TextDocumentEdit(text_document=document, edits=list(edits))]
    )


def code_actions(
    uri: str,
    version: int,
    checked: Checked,
    params: types.CodeActionParams,
    versioned: bool,
) -> list[types.CodeAction]:
    """The actions for ``params.range`` of a document whose current check is ``checked``."""
    only = params.context.only
    start = checked.positions.offset(params.range.start.line, params.range.start.character)
    end = checked.positions.offset(params.range.end.line, params.range.end.character)
    here = checked.at(start, end)
    actions = []
    if _wanted(types.CodeActionKind.QuickFix, only):
        for found, diagnostic in here:
            for fix in found.quick_fixes:
                actions.append(
                    types.CodeAction(
                        title=fix.title,
                        kind=types.CodeActionKind.QuickFix,
                        diagnostics=[diagnostic],
                        is_preferred=fix.preferred or None,
                        edit=_edit(uri, version, checked, fix, versioned),
                    )
                )
    everything = fix_all(checked.result.findings)
    if everything is None:
        return actions
    kinds: list[str] = []
    # Beside a fixable finding, when there is more to fix than that one.
    if len(everything.replacements) > 1 and any(found.fix for found, _ in here):
        kinds.append(types.CodeActionKind.QuickFix)
    kinds.append(FIX_ALL_KIND)
    for kind in kinds:
        if _wanted(kind, only):
            actions.append(
                types.CodeAction(
                    title=everything.title,
                    kind=kind,
                    edit=_edit(uri, version, checked, everything, versioned),
                )
            )
    return actions
