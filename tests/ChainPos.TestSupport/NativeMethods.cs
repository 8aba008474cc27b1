using System.Runtime.InteropServices;

namespace ChainPos.TestSupport;

internal static class NativeMethods
{
    public const int SigInt = 2;
    public const int SigQuit = 3;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    public static extern int Kill(int pid, int signal);
}
