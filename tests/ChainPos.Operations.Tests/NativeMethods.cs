using System.Runtime.InteropServices;

namespace ChainPos.Operations.Tests;

internal static class NativeMethods
{
    /// <summary>What Kubernetes and systemd send to stop a process: the host shuts down gracefully.</summary>
    public const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int Kill(int pid, int signal);
}
