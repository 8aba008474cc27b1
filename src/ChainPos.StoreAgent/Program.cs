using ChainPos.StoreAgent.Hosting;

// chainpos-agent --Agent:StoreId=S001 --Agent:RegisterId=R1 --Agent:Credential=<secret> [--Agent:GatewayUrl=http://127.0.0.1:5080]
// The register UI is then at http://127.0.0.1:5090/ (see docs/store-agent.md).
var app = AgentApp.Build(args);
await app.RunAsync();
