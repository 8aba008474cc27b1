namespace ChainPos.Domain;

/// <summary>How a product is sold, priced and counted.</summary>
public enum UnitOfMeasure
{
    /// <summary>By the unit: the price is per unit and stock counts units (every product before weighed ones existed).</summary>
    Each = 0,

    /// <summary>By weight: the price is per kilogram (minor units), stock counts grams, and every sale line carries its weight.</summary>
    Kilogram = 1,
}
