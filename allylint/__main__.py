from allylint.cli.program import entry

# Guarded: processes spawned by allylint (the language server's checker, workers on
# Windows) import this module again and must not run the command line.
if __name__ == "__main__":
    entry()
