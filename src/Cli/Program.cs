using Collapse.Cli.Infrastructure;

return CliApp.Run(args);
