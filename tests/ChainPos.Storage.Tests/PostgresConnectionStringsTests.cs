using Npgsql;

namespace ChainPos.Storage.Tests;

public sealed class PostgresConnectionStringsTests
{
    [Fact]
    public void Tune_adds_the_measured_settings()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnectionStrings.Tune("Host=db;Username=pos;Database=pos"));

        Assert.True(tuned.NoResetOnClose);
        Assert.Equal(20, tuned.MaxAutoPrepare);
        Assert.Equal("db", tuned.Host);
        Assert.Equal("pos", tuned.Database);
    }

    [Theory]
    [InlineData("Host=db;No Reset On Close=false;Max Auto Prepare=5")]
    [InlineData("Host=db;noresetonclose=false;MAXAUTOPREPARE=5")]
    public void Tune_keeps_what_the_caller_set(string connectionString)
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgresConnectionStrings.Tune(connectionString));

        Assert.False(tuned.NoResetOnClose);
        Assert.Equal(5, tuned.MaxAutoPrepare);
    }
}
