using System.Collections.Immutable;
using System.Text.Json;
using Orleans.Serialization;

namespace ChainPos.Storage.Tests;

public sealed class GrainStateJsonTests
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    [Fact]
    public void Get_only_collections_are_filled_on_read()
    {
        var state = new GetOnlyState();
        state.Items.Add("x");
        state.ByKey["k"] = 2;

        var back = RoundTrip(state);

        Assert.Equal(["x"], back.Items);
        Assert.Equal(2, back.ByKey["k"]);
    }

    [Fact]
    public void Settable_collections_filled_by_the_constructor_are_replaced_not_appended()
    {
        var back = RoundTrip(new SeededState { Lanes = [7] });

        Assert.Equal([7], back.Lanes);
    }

    [Fact]
    public void Records_immutable_and_read_only_shapes_round_trip()
    {
        var state = new MixedState
        {
            Line = new Line("sku-1", 2.5m),
            Tags = ["a", "b"],
            Lines = new Dictionary<string, Line> { ["1"] = new Line("sku-2", 1m) },
        };

        var back = RoundTrip(state);

        Assert.Equal(new Line("sku-1", 2.5m), back.Line);
        Assert.Equal(["a", "b"], back.Tags.ToArray());
        Assert.Equal(new Line("sku-2", 1m), back.Lines["1"]);
        Assert.Equal(["fixed"], back.Fixed);
        Assert.Equal(1, back.Count);
    }

    private static T RoundTrip<T>(T value) =>
        JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(value, Options), Options)!;

    private static JsonSerializerOptions CreateOptions()
    {
        // Orleans' own defaults for SystemTextJsonGrainStorageSerializer, then ours.
        var options = new SystemTextJsonGrainStorageSerializerOptions().JsonSerializerOptions;
        GrainStateJson.Configure(options);
        return options;
    }

    public sealed class GetOnlyState
    {
        public List<string> Items { get; } = [];

        public Dictionary<string, int> ByKey { get; } = [];
    }

    public sealed class SeededState
    {
        public List<int> Lanes { get; set; } = [1, 2];
    }

    public sealed record Line(string Sku, decimal Quantity);

    public sealed class MixedState
    {
        public Line? Line { get; init; }

        public ImmutableArray<string> Tags { get; init; } = [];

        public Dictionary<string, Line> Lines { get; init; } = [];

        public IReadOnlyList<string> Fixed { get; } = ["fixed"];

        public int Count => Fixed.Count;
    }
}
