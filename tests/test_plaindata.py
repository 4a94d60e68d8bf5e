"""from_plain: the one way back from dataclasses.asdict, for every stage object."""

from __future__ import annotations

import dataclasses

import pytest

from allylint.plaindata import from_plain


@dataclasses.dataclass(frozen=True)
class Leaf:
    name: str
    size: int = 0


@dataclasses.dataclass(frozen=True)
class Tree:
    leaves: tuple[Leaf, ...]
    best: Leaf | None = None
    pair: tuple[int, str] = (0, "")
    note: str | None = None


def test_nested_dataclasses_tuples_and_optionals_come_back():
    tree = Tree((Leaf("a", 1), Leaf("b")), best=Leaf("a", 1), pair=(2, "x"), note="n")
    assert from_plain(Tree, dataclasses.asdict(tree)) == tree
    assert from_plain(Tree, dataclasses.asdict(Tree(()))) == Tree(())


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ([], "needs a mapping"),
        ({"leaves": [], "colour": "red"}, r"no field\(s\) \['colour'\]"),
        ({"leaves": [{"size": 1}]}, "name"),
        ({"leaves": "abc"}, "expected a list"),
    ],
)
def test_damaged_data_is_a_type_error(data, problem):
    with pytest.raises(TypeError, match=problem):
        from_plain(Tree, data)
