using System.Net;
using System.Net.Sockets;
using ChainPos.StoreAgent.Hardware.Display;

namespace ChainPos.StoreAgent.Hardware.Tests.Display;

public class StreamCustomerDisplayTests
{
    [Fact]
    public async Task ConnectAsync_TcpDisplay_DeviceReceivesWhatTheVirtualDisplayRecords()
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var accept = listener.AcceptTcpClientAsync(guard.Token).AsTask();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            await using var virtualDisplay = new VirtualCustomerDisplay();
            await virtualDisplay.ShowItemAsync("Bread", 1, 199, 199, "EUR");

            await using (var display = await StreamCustomerDisplay.ConnectAsync("127.0.0.1", port, cancellationToken: guard.Token))
            {
                await display.ShowItemAsync("Bread", 1, 199, 199, "EUR", guard.Token);
            }

            using var device = await accept;
            var received = new MemoryStream();
            await device.GetStream().CopyToAsync(received, guard.Token);
            Assert.Equal(virtualDisplay.Bytes, received.ToArray());
            Assert.Equal(("Bread           1.99", "TOTAL          €1.99"), LineDisplayDecoder.Decode(received.ToArray()));
        }
        finally
        {
            listener.Stop();
        }
    }
}
