using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ChainPos.StoreAgent.Tests;

/// <summary>What the register UI does, through the agent's JSON API.</summary>
internal static class Register
{
    public static async Task<string> SignInAsync(AgentProcess agent, string employee, string pin, long? openingFloat = null)
    {
        var response = await agent.Http.PostAsJsonAsync("api/signin", new { employeeId = employee, pin, openingFloat });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"sign-in failed: {(int)response.StatusCode} {body}\n{agent.Output}");
        return body.GetProperty("token").GetString()!;
    }

    public static Task<HttpResponseMessage> PostAsync(AgentProcess agent, string token, string path, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Session", token);
        return agent.Http.SendAsync(request);
    }

    public static async Task<JsonElement> GetAsync(AgentProcess agent, string token, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Session", token);
        var response = await agent.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static object Sale(string saleId, (string Sku, int Quantity)[] lines, object[] tenders, string? customerId = null) => new
    {
        saleId,
        basket = new { lines = lines.Select(l => new { sku = l.Sku, quantity = l.Quantity }), customerId },
        tenders,
    };

    public static object Cash(long amount) => new { type = "cash", amount };

    public static object Card(long amount) => new { type = "card", amount };

    public static object GiftCard(long amount, string code) => new { type = "giftcard", amount, giftCardCode = code };

    /// <summary>Rings a sale that must succeed; returns the agent's answer.</summary>
    public static async Task<JsonElement> SellAsync(AgentProcess agent, string token, object sale)
    {
        var response = await PostAsync(agent, token, "api/sales", sale);
        // Read as text first: a failure without a JSON body still shows its status and the agent's log.
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"sale failed: {(int)response.StatusCode} {body}\n{agent.Output}");
        return JsonSerializer.Deserialize<JsonElement>(body);
    }
}
