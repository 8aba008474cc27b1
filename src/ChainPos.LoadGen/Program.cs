using ChainPos.LoadGen;

// chainpos-load <verb> [options]: see Cli.Help (run without a verb) and docs/benchmarks.md.
return await Cli.RunAsync(args);
