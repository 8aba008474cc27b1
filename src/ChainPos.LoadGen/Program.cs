using ChainPos.LoadGen;

// chainpos-load sale [--target URL] [--credentials FILE]
// chainpos-load checkout [--target URL] [--credentials FILE] [--seconds N] [--concurrency N] [--registers N] [--out FILE]
return await Cli.RunAsync(args);
