using System.Net;
using System.Net.Sockets;
using ChainPos.StoreAgent.Hardware.Printing;
using ChainPos.StoreAgent.Hardware.Virtual;

namespace ChainPos.StoreAgent.Hardware.Tests.Printing;

public sealed class TcpEscPosPrinterTests : IDisposable
{
    // Bounds every wait on the virtual printer; nothing sleeps.
    private readonly CancellationTokenSource _guard = new(TimeSpan.FromSeconds(10));

    private CancellationToken Guard => _guard.Token;

    public void Dispose() => _guard.Dispose();

    [Fact]
    public async Task PrintAsync_ToVirtualPrinter_ReceivesExactlyTheRenderedBytes()
    {
        await using var device = VirtualEscPosPrinter.Start();
        await using var printer = device.CreateDriver();
        var expected = printer.Renderer.Render(SampleReceipts.Sale);

        await printer.PrintAsync(SampleReceipts.Sale);

        Assert.Equal(expected, await device.WaitForBytesAsync(expected.Length, Guard));
        Assert.Equal(ReceiptRendererTests.SaleAt48Columns, device.Decode());
    }

    [Fact]
    public async Task WriteReceiptFileAsync_AfterPrinting_FileHoldsTheDecodedReceipt()
    {
        await using var device = VirtualEscPosPrinter.Start();
        await using var printer = device.CreateDriver();
        var path = Path.Combine(Path.GetTempPath(), $"receipt-{Guid.NewGuid():N}.txt");
        await printer.PrintAsync(SampleReceipts.Sale);
        await device.WaitForBytesAsync(printer.Renderer.Render(SampleReceipts.Sale).Length, Guard);

        await device.WriteReceiptFileAsync(path);

        try
        {
            Assert.Equal(ReceiptRendererTests.SaleAt48Columns, await File.ReadAllTextAsync(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task PrintAsync_PrinterDroppedTheConnection_ReconnectsAndLosesNothing()
    {
        await using var device = VirtualEscPosPrinter.Start();
        await using var printer = device.CreateDriver();
        var receipt = printer.Renderer.Render(SampleReceipts.Sale);
        var kick = printer.Renderer.RenderDrawerKick();
        await printer.PrintAsync(SampleReceipts.Sale);
        await device.WaitForBytesAsync(receipt.Length, Guard);

        device.DisconnectClients();
        await printer.OpenDrawerAsync();

        var received = await device.WaitForBytesAsync(receipt.Length + kick.Length, Guard);
        Assert.Equal(receipt.Concat(kick), received);
        Assert.Equal(2, printer.ConnectionCount);
        Assert.Equal(2, device.ConnectionCount);
    }

    [Fact]
    public async Task PrintAsync_TwoJobsOnOneConnection_ArriveInOrderOverOneConnection()
    {
        await using var device = VirtualEscPosPrinter.Start();
        await using var printer = device.CreateDriver();
        var gift = SampleReceipts.Sale with { GiftReceipt = true };
        var expected = printer.Renderer.Render(SampleReceipts.Sale).Concat(printer.Renderer.Render(gift)).ToArray();

        await printer.PrintAsync(SampleReceipts.Sale);
        await printer.PrintAsync(gift);

        Assert.Equal(expected, await device.WaitForBytesAsync(expected.Length, Guard));
        Assert.Equal(1, device.ConnectionCount);
    }

    [Fact]
    public async Task PrintAsync_NothingListening_ThrowsPrinterUnavailable()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var printer = new TcpEscPosPrinter(new TcpPrinterOptions { Port = port });

        var error = await Assert.ThrowsAsync<PrinterUnavailableException>(() => printer.PrintAsync(SampleReceipts.Sale));

        Assert.StartsWith($"Printer 127.0.0.1:{port} is not reachable: ", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, printer.ConnectionCount);
    }
}
