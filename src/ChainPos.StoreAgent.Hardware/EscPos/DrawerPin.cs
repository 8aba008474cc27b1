namespace ChainPos.StoreAgent.Hardware.EscPos;

/// <summary>m of ESC p m t1 t2: which pin of the printer's drawer-kick connector is pulsed.</summary>
public enum DrawerPin
{
    /// <summary>Connector pin 2, where a single cash drawer is wired.</summary>
    Pin2 = 0,

    /// <summary>Connector pin 5, a second drawer.</summary>
    Pin5 = 1,
}
