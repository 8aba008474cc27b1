namespace ChainPos.StoreAgent.Hardware.Printing;

/// <summary>The printer could not be reached or did not take the job in time; the message says which printer and why.</summary>
public sealed class PrinterUnavailableException : Exception
{
    /// <summary>A failure with no further detail.</summary>
    public PrinterUnavailableException()
        : base("The receipt printer is unavailable.")
    {
    }

    /// <summary>A failure described by <paramref name="message"/>.</summary>
    public PrinterUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>A failure described by <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
    public PrinterUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
