using ChainPos.Silo;

// chainpos [--demo]        run the node (all-in-one by default; see ChainPos:Role)
// chainpos migrate         apply the database schema and exit
var app = ChainPosApp.Build(CommandLine.ToConfiguration(args));
return await CommandLine.RunAsync(app, args);
