from allylint.cli.main import main

main()
