"""A plain-data form of file results, for worker processes and the result cache.

Rules hold compiled conditions that cannot be pickled or stored, so results
travel as tuples naming their rule by id and are rebuilt against the
receiving process's rule set.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from allylint.api import FileResult
from allylint.discovery.sources import Notice, SourceText
from allylint.findings.model import Finding
from allylint.fixes.edits import Edit
from allylint.rules.model import Rule


def result_to_wire(result: FileResult, keep_source: bool) -> list[Any]:
    findings = [
        [
            f.path,
            f.line,
            f.column,
            f.end_line,
            f.end_column,
            f.start,
            f.end,
            f.text,
            f.rule.id,
            f.fingerprint,
            [f.fix.start, f.fix.end, f.fix.replacement] if f.fix else None,
            f.context,
        ]
        for f in result.findings
    ]
    notices = [[n.path, n.message] for n in result.notices]
    source = result.source
    wire_source = (
        [source.path, source.text, source.encoding, source.bom]
        if keep_source and source is not None
        else None
    )
    return [result.path, result.fmt, findings, notices, wire_source]


def result_from_wire(data: list[Any], rules: Mapping[str, Rule]) -> FileResult:
    path, fmt, findings, notices, source = data
    result = FileResult(path, fmt)
    for (
        f_path,
        line,
        column,
        end_line,
        end_column,
        start,
        end,
        text,
        rule_id,
        fingerprint,
        fix,
        context,
    ) in findings:
        result.findings.append(
            Finding(
                path=f_path,
                line=line,
                column=column,
                end_line=end_line,
                end_column=end_column,
                start=start,
                end=end,
                text=text,
                rule=rules[rule_id],
                fingerprint=fingerprint,
                fix=Edit(*fix) if fix else None,
                context=context,
            )
        )
    result.notices = [Notice(n_path, message) for n_path, message in notices]
    if source is not None:
        result.source = SourceText(*source)
    return result
