using System.Globalization;

namespace ChainPos.Domain;

/// <summary>Receipt numbers printed on receipts and used to look sales up.</summary>
public static class ReceiptNumbers
{
    /// <summary>
    /// Formats "&lt;store&gt;-&lt;register&gt;-&lt;sequence&gt;" with the sequence zero-padded to at
    /// least six digits: ("S01", "R2", 42) gives "S01-R2-000042".
    /// </summary>
    /// <param name="storeId">The store's identifier (see <see cref="Ids"/>).</param>
    /// <param name="registerId">The register's identifier (see <see cref="Ids"/>).</param>
    /// <param name="sequence">The register's receipt sequence number, at least 1.</param>
    /// <exception cref="DomainException"><see cref="ErrorCode.InvalidArgument"/> for a bad identifier or a sequence below 1.</exception>
    public static string Format(string storeId, string registerId, long sequence)
    {
        Ids.Require(storeId, "storeId");
        Ids.Require(registerId, "registerId");
        if (sequence < 1)
        {
            throw DomainException.Invalid($"The receipt sequence must be at least 1 (got {sequence}).");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{storeId}-{registerId}-{sequence:D6}");
    }
}
