using ChainPos.Connector;

var app = ConnectorApp.Build(args);
await app.RunAsync();
