"""Rule conditions: the context a match must (or must not) stand in.

- ``language``: the condition language of rule files (compile_condition, Condition);
- ``values``: reading the values of condition keys, lexicon references included;
- ``context``: what a condition sees (MatchContext, sentences, words around a match);
- ``names``: telling names from ordinary words;
- ``antecedents``: the pronoun-antecedent resolver (the ``antecedent`` condition);
- ``mentions``: the mention detector (the ``mention`` condition);
- ``lexicons``: the named word lists in ``rules/lexicons/`` that steer all of them.
"""
