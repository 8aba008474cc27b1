namespace ChainPos.StoreAgent.Tests;

/// <summary>
/// The register UI tests run one after another: each starts a node, an agent and headless Chromium, and two such stacks
/// side by side on a 2-core CI machine starve each other (calls time out, pages wait). The failure output carries the
/// agent's log (<c>BrowserScript.AssertPassed</c> with the server log). The HTTP 500s once blamed on that load were not load:
/// about 1 in 27 of the UI's sale ids made a card terminal reference that looked like a card number (see AgentSaleFailureTests).
/// </summary>
public static class BrowserUi
{
    public const string Collection = "register-ui";
}
