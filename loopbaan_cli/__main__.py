from loopbaan_cli.cli.app import main

main()
