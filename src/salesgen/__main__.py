from salesgen.cli import main

main()
