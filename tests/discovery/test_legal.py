"""Licence texts and legal notices are told by their content, not their name."""

import subprocess
import sys

import pytest

from allylint.discovery.legal import is_legal_text

MIT = """MIT License

Copyright (c) 2024 The Example Authors

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction ...
"""
BSD = """BSD 3-Clause License

Copyright (c) 2010 Pallets

Redistribution and use in source and binary forms, with or without
modification, are permitted provided that the following conditions are met:
"""
APACHE = """
                                 Apache License
                           Version 2.0, January 2004
                        http://www.apache.org/licenses/

   TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION
"""
GPL = """                    GNU GENERAL PUBLIC LICENSE
                       Version 3, 29 June 2007

 Copyright (C) 2007 Free Software Foundation, Inc. <https://fsf.org/>
 Everyone is permitted to copy and distribute verbatim copies
 of this license document, but changing it is not allowed.
"""
CC_NOTICE = (
    "The Example Documentation by Example Ltd. is licensed under the Creative Commons\n"
    "Attribution-ShareAlike 4.0 International License.\n"
)
NOTICE = "Requests\nCopyright 2019 Kenneth Reitz\n"
REUSE = "SPDX-FileCopyrightText: 2024 Jane Doe\nSPDX-License-Identifier: CC-BY-4.0\n"


@pytest.mark.parametrize("text", [MIT, BSD, APACHE, GPL, CC_NOTICE, NOTICE, REUSE, "\ufeff" + MIT])
def test_licence_texts_and_notices_are_legal_texts(text):
    assert is_legal_text(text)


@pytest.mark.parametrize(
    "text",
    [
        # A page about licensing names licences without granting anything.
        "License\n=======\n\nFlask is licensed under a three clause BSD License. The GNU "
        "General Public License is not compatible with it.\n",
        # A page about a template function called copyright.
        "# Copyright\n\nThe `copyright` function prints the site's copyright line, which the "
        "master template shows in the footer of every page.\n",
        # A page that quotes a licence further down is still a page.
        "# Using the library\n\nInstall it and import it.\n\n" + "More prose here. " * 100 + MIT,
        # A long page of copyright lines is a list, not a notice.
        "Contributors\n" + "Copyright 2020 Someone and others, for the docs\n" * 20,
        "",
    ],
)
def test_pages_about_licences_are_not_legal_texts(text):
    assert not is_legal_text(text)


def _check(*args):
    return subprocess.run(
        [sys.executable, "-m", "allylint", "check", "--no-cache", "--statistics", *args],
        capture_output=True,
        text=True,
    )


def test_legal_texts_in_folders_are_skipped_and_counted_but_named_ones_are_checked(tmp_path):
    clause = "if he or she is willing\n"
    (tmp_path / "LICENSE.md").write_text(MIT + clause)
    (tmp_path / "notes.txt").write_text(BSD + clause)  # a licence under any name
    (tmp_path / "license.md").write_text("# License\n\nWe chose MIT; " + clause)
    (tmp_path / "Copyright.rst").write_text("Copyright\n=========\n\nSo " + clause)
    result = _check(str(tmp_path))
    reported = sorted(
        line.split(":")[0] for line in result.stdout.splitlines() if ": he-or-she" in line
    )
    assert reported == [str(tmp_path / "Copyright.rst"), str(tmp_path / "license.md")]
    assert "     2  skipped: licence and notice texts" in result.stdout.splitlines()
    named = _check(str(tmp_path / "LICENSE.md"))
    assert "he or she" in named.stdout
    assert "skipped" not in named.stdout


def test_a_licence_header_in_a_comment_does_not_make_a_page_a_licence(tmp_path):
    header = '.. Licensed under the Apache License, Version 2.0 (the "License");\n   ' + (
        "Redistribution and use in source and binary forms are permitted.\n\n"
    )
    (tmp_path / "index.rst").write_text(header + "Guide\n=====\n\nIf he or she is willing.\n")
    (tmp_path / "tool.py").write_text(
        "# " + MIT.replace("\n", "\n# ") + "\n# if he or she is willing\n"
    )
    result = _check(str(tmp_path))
    assert result.stdout.count(": he-or-she ") == 2
    assert "skipped" not in result.stdout
