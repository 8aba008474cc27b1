using System.Text.Json;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace ChainPos.LoadGen;

/// <summary>The demo credentials file the node writes on first start.</summary>
internal sealed record DemoCredentialsFile(string Admin, string Commerce, Dictionary<string, string> Stores)
{
    public static DemoCredentialsFile Load(string path) => File.Exists(path)
        ? JsonSerializer.Deserialize<DemoCredentialsFile>(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path} is empty.")
        : throw new FileNotFoundException($"No demo credentials at {Path.GetFullPath(path)}. Start the demo first (dotnet run --project src/ChainPos.Silo -- --demo) or pass --credentials.");

    public static CallInvoker Channel(Uri target, string secret)
    {
        var channel = GrpcChannel.ForAddress(target, new GrpcChannelOptions { HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true } });
        return channel.Intercept(metadata =>
        {
            metadata.Add("authorization", "Bearer " + secret);
            return metadata;
        });
    }
}
