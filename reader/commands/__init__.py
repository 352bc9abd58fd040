"""One module per subcommand, each with run(args) -> exit status; imported only when chosen."""
