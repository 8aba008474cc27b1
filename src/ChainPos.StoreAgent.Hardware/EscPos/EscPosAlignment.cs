namespace ChainPos.StoreAgent.Hardware.EscPos;

/// <summary>n of ESC a n.</summary>
public enum EscPosAlignment
{
    /// <summary>Left justification (power-on default).</summary>
    Left = 0,

    /// <summary>Centred.</summary>
    Center = 1,

    /// <summary>Right justification.</summary>
    Right = 2,
}
