using Grpc.Core;

namespace ChainPos.Gateway.Tests;

/// <summary>Asserts a call fails with a given status.</summary>
internal static class Expect
{
    public static async Task<RpcException> StatusAsync<T>(StatusCode code, AsyncUnaryCall<T> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await call);
        Assert.True(code == error.StatusCode, $"Expected {code} but got {error.StatusCode}: {error.Status.Detail}");
        return error;
    }
}
