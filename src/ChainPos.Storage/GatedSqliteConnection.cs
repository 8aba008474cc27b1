using Microsoft.Data.Sqlite;

namespace ChainPos.Storage;

/// <summary>
/// A <see cref="SqliteConnection"/> that holds its data source's gate from open until close or dispose and
/// runs the data source's pragmas after each open. It must stay a <see cref="SqliteConnection"/>: Orleans
/// checks that the data source's connections are assignable to the invariant's connection type.
/// </summary>
internal sealed class GatedSqliteConnection : SqliteConnection
{
    private readonly SqliteGatedDataSource _source;
    private bool _holdsGate;

    public GatedSqliteConnection(SqliteGatedDataSource source)
        : base(source.ConnectionString)
    {
        _source = source;
    }

    public override void Open()
    {
        if (_holdsGate)
        {
            return; // already open: re-entering the gate would wait on ourselves
        }

        _source.Gate.Wait();
        _holdsGate = true;
        OpenAndConfigure();
    }

    public override async Task OpenAsync(CancellationToken cancellationToken)
    {
        if (_holdsGate)
        {
            return;
        }

        await _source.Gate.WaitAsync(cancellationToken);
        _holdsGate = true;
        OpenAndConfigure();
    }

    public override void Close()
    {
        try
        {
            base.Close();
        }
        finally
        {
            ReleaseGate();
        }
    }

    protected override void Dispose(bool disposing)
    {
        try
        {
            base.Dispose(disposing);
        }
        finally
        {
            ReleaseGate();
        }
    }

    private void OpenAndConfigure()
    {
        try
        {
            base.Open();
            using var command = CreateCommand();
            command.CommandText = _source.OpenPragmas;
            command.ExecuteNonQuery();
        }
        catch
        {
            Close();
            throw;
        }
    }

    private void ReleaseGate()
    {
        if (_holdsGate)
        {
            _holdsGate = false;
            _source.Gate.Release();
        }
    }
}
