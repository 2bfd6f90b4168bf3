import RunbookCommandLine

RunbookCommand.main()
