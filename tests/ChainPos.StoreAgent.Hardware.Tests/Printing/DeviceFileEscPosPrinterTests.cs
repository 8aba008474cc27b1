using ChainPos.StoreAgent.Hardware.Printing;

namespace ChainPos.StoreAgent.Hardware.Tests.Printing;

public class DeviceFileEscPosPrinterTests
{
    [Fact]
    public async Task PrintAsync_ExistingFile_AppendsEachJobWhole()
    {
        var path = Path.GetTempFileName();
        using var printer = new DeviceFileEscPosPrinter(path);
        try
        {
            await printer.PrintAsync(SampleReceipts.Sale);
            await printer.OpenDrawerAsync();

            var expected = printer.Renderer.Render(SampleReceipts.Sale).Concat(printer.Renderer.RenderDrawerKick());
            Assert.Equal(expected, await File.ReadAllBytesAsync(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task PrintAsync_DeviceMissing_ThrowsPrinterUnavailableAndCreatesNoFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"lp-{Guid.NewGuid():N}");
        using var printer = new DeviceFileEscPosPrinter(path);

        var error = await Assert.ThrowsAsync<PrinterUnavailableException>(() => printer.OpenDrawerAsync());

        Assert.StartsWith($"Printer {path} is not available: ", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }
}
