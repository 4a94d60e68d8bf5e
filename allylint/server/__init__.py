"""``allylint server``: a language server, so that findings show where text is written.

- ``protocol``: the pygls server and its handlers (open, change, save, code
  actions, hover, configuration files);
- ``documents``: when documents are checked (debounced, in a worker thread,
  stale results dropped);
- ``linting``: the one module that calls into allylint (configuration, engine,
  fixes, suppression directives, rule descriptions);
- ``diagnostics``, ``actions``, ``hover``: lint results as LSP messages;
- ``positions``: character offsets and LSP positions (UTF-16 code units).
"""
