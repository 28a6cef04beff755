using ResponseBot.Cli;

// The commands live in CliApp and Commands/; this file only connects them to the process.
return await CliApp.RunAsync(args, Console.Out, Console.Error, CancellationToken.None);
