from loopbaan_cli.cli import main

main()
