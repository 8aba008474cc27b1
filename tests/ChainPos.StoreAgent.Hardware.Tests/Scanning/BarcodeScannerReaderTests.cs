using System.Net;
using System.Net.Sockets;
using System.Text;
using ChainPos.StoreAgent.Hardware.Scanning;

namespace ChainPos.StoreAgent.Hardware.Tests.Scanning;

public class BarcodeScannerReaderTests
{
    [Fact]
    public async Task ReadAsync_MixedTerminators_OneScanPerLine()
    {
        var input = "4006381333931\r\n036000291452\r2112345002507\n\n\u000296385074\u0003\r\n"
            + new string('9', BarcodeScannerReader.MaxLength + 1) + "\r\nSKU-7";
        await using var reader = new BarcodeScannerReader(new MemoryStream(Encoding.ASCII.GetBytes(input)));

        var scans = new List<ScanResult>();
        await foreach (var scan in reader.ReadAsync())
        {
            scans.Add(scan);
        }

        Assert.Equal(
            [
                new ScanResult("4006381333931", ScanKind.Ean13, "4006381333931"),
                new ScanResult("036000291452", ScanKind.UpcA, "0036000291452"),
                new ScanResult("2112345002507", ScanKind.PriceEmbedded, "2112345", 250),
                new ScanResult("96385074", ScanKind.Ean8, "96385074"),
                new ScanResult("SKU-7", ScanKind.Unknown, "SKU-7"),
            ],
            scans);
    }

    [Fact]
    public async Task ReadAsync_TcpScannerEndingScansWithCrOnly_YieldsEachScanBeforeTheNextArrives()
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var accept = listener.AcceptTcpClientAsync(guard.Token).AsTask();
            await using var reader = await BarcodeScannerReader.ConnectAsync("127.0.0.1", ((IPEndPoint)listener.LocalEndpoint).Port, guard.Token);
            using var scanner = await accept;
            var scans = reader.ReadAsync(guard.Token).GetAsyncEnumerator(guard.Token);

            await scanner.GetStream().WriteAsync("4006381333931\r"u8.ToArray(), guard.Token);
            Assert.True(await scans.MoveNextAsync());
            Assert.Equal(ScanKind.Ean13, scans.Current.Kind);

            await scanner.GetStream().WriteAsync("96385074\r"u8.ToArray(), guard.Token);
            Assert.True(await scans.MoveNextAsync());
            Assert.Equal("96385074", scans.Current.Code);

            scanner.Close();
            Assert.False(await scans.MoveNextAsync());
            await scans.DisposeAsync();
        }
        finally
        {
            listener.Stop();
        }
    }
}
