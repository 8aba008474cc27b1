using System.Diagnostics;

namespace ChainPos.Grains.Hosting;

/// <summary>
/// Carries a <em>sampled</em> trace across grain calls: a client span around the call in the caller, the trace context
/// in the call's <see cref="RequestContext"/>, and a server span around the grain's turn, under the names and source
/// that Orleans' own propagation uses (<c>Microsoft.Orleans.Application</c>, <c>IRegisterGrain/CompleteSaleAsync</c>),
/// so the grain's storage, activation and SQL spans join the caller's trace.
/// </summary>
/// <remarks>
/// <para>This replaces Orleans' <c>AddActivityPropagation</c>, which does the same for <em>every</em> call: under an
/// unsampled gRPC request (nine in ten by default) it still made a propagation-only activity per call and wrote the
/// context into every message. That was 29 % of a chain-day node's allocations per sale (<c>cost.sh</c>, with and without).
/// Here a call made where <see cref="Activity.Current"/> is not recorded carries nothing and makes no activity, and a
/// grain call never starts a trace of its own (background deliveries were 10 % sampled roots of their own before).</para>
/// <para>Calls to Orleans' own runtime services (interfaces in the <c>Orleans</c> namespaces) are not traced.</para>
/// </remarks>
public static class SampledCallTracing
{
    /// <summary>The activity source of the grain-call spans (Orleans' application grain-call source name).</summary>
    public const string SourceName = "Microsoft.Orleans.Application";

    internal const string TraceParent = "traceparent";
    internal const string TraceState = "tracestate";

    internal static readonly ActivitySource Source = new(SourceName);

    /// <summary>Traces sampled calls through this silo's grains, in and out.</summary>
    public static ISiloBuilder AddSampledCallTracing(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.AddOutgoingGrainCallFilter<SampledTraceOutgoingFilter>();
        silo.AddIncomingGrainCallFilter<SampledTraceIncomingFilter>();
        return silo;
    }

    /// <summary>Traces sampled calls this cluster client makes (a gateway-only node).</summary>
    public static IClientBuilder AddSampledCallTracing(this IClientBuilder client)
    {
        ArgumentNullException.ThrowIfNull(client);
        client.AddOutgoingGrainCallFilter<SampledTraceOutgoingFilter>();
        return client;
    }

    internal static bool IsApplicationCall(IGrainCallContext context) =>
        !context.Request.GetInterfaceName().StartsWith("Orleans.", StringComparison.Ordinal);

    /// <summary>
    /// Runs the call under a span of <paramref name="kind"/>: a client span under <see cref="Activity.Current"/>, whose
    /// context the call carries, or a server span under the caller's <paramref name="caller"/>. The span is started in
    /// this async method, so <see cref="Activity.Current"/> is the caller's again once it returns.
    /// </summary>
    internal static async Task InvokeTracedAsync(IGrainCallContext context, ActivityKind kind, ActivityContext caller = default)
    {
        // The generated invokable's own "IRegisterGrain/CompleteSaleAsync" (a constant: no string built per call).
        using var activity = Source.StartActivity(context.Request.GetActivityName(), kind, caller);
        if (activity is not null)
        {
            Describe(activity, context);
            if (kind == ActivityKind.Client)
            {
                RequestContext.Set(TraceParent, activity.Id!);
                if (activity.TraceStateString is { } state)
                {
                    RequestContext.Set(TraceState, state);
                }
            }
        }

        try
        {
            await context.Invoke();
        }
        catch (Exception e) when (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, e.Message);
            if (activity.IsAllDataRequested)
            {
                activity.AddException(e);
            }

            throw;
        }
    }

    private static void Describe(Activity activity, IGrainCallContext context)
    {
        if (!activity.IsAllDataRequested)
        {
            return;
        }

        activity.SetTag("rpc.system.name", "orleans");
        activity.SetTag("orleans.rpc.service", context.Request.GetInterfaceName());
        activity.SetTag("rpc.method", context.MethodName);
        activity.SetTag("orleans.rpc.target_id", context.TargetId.ToString());
        if (context.SourceId is { } source)
        {
            activity.SetTag("orleans.rpc.source_id", source.ToString());
        }
    }
}

/// <summary>The caller's side of <see cref="SampledCallTracing"/>.</summary>
internal sealed class SampledTraceOutgoingFilter : IOutgoingGrainCallFilter
{
    public Task Invoke(IOutgoingGrainCallContext context)
    {
        if (Activity.Current is { Recorded: true } && SampledCallTracing.IsApplicationCall(context))
        {
            return SampledCallTracing.InvokeTracedAsync(context, ActivityKind.Client);
        }

        // Not sampled: the call carries no trace context, also none left in the request context by an earlier call.
        if (RequestContext.Get(SampledCallTracing.TraceParent) is not null)
        {
            RequestContext.Remove(SampledCallTracing.TraceParent);
            RequestContext.Remove(SampledCallTracing.TraceState);
        }

        return context.Invoke();
    }
}

/// <summary>The grain's side of <see cref="SampledCallTracing"/>: a server span under the caller's client span.</summary>
internal sealed class SampledTraceIncomingFilter : IIncomingGrainCallFilter
{
    public Task Invoke(IIncomingGrainCallContext context) =>
        RequestContext.Get(SampledCallTracing.TraceParent) is string parent && SampledCallTracing.IsApplicationCall(context)
            && ActivityContext.TryParse(parent, RequestContext.Get(SampledCallTracing.TraceState) as string, isRemote: true, out var caller)
            ? SampledCallTracing.InvokeTracedAsync(context, ActivityKind.Server, caller)
            : context.Invoke();
}
