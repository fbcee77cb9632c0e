from bkbk_cli.cli import main

main()
