using System.Net.Sockets;

namespace ChainPos.StoreAgent.Hardware.Transport;

/// <summary>Opens the byte streams devices are reached through: a device file or a TCP socket.</summary>
public static class DeviceStreams
{
    /// <summary>
    /// Opens a device file (/dev/ttyUSB0, /dev/ttyS0, /dev/ttyACM0; a serial port's speed is set
    /// outside the agent, e.g. with stty or a udev rule). The file must exist.
    /// </summary>
    /// <param name="path">Device path.</param>
    /// <param name="access">Read for scanners, Write for displays.</param>
    public static FileStream OpenDevice(string path, FileAccess access) =>
        new(path, FileMode.Open, access, FileShare.ReadWrite, bufferSize: 0, FileOptions.Asynchronous);

    /// <summary>Connects to a device behind a serial-to-Ethernet bridge or a networked device.</summary>
    /// <exception cref="TimeoutException">When the connection is not made within <paramref name="timeout"/>.</exception>
    public static async Task<NetworkStream> ConnectTcpAsync(string host, int port, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, port, cancellationToken).AsTask().WaitAsync(timeout, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
