using System.Net.Http.Json;
using System.Text.Json;

namespace Payout.IntegrationTests.Infrastructure;

/// <summary>
/// Success asserted with what the service said: a failure names the request, the status and the body — which
/// <c>EnsureSuccessStatusCode</c> hides (no test uses it). Linked into the browser tests too.
/// </summary>
public static class SuccessAssertions
{
    /// <summary>Asserts a 2xx, showing the request, status and body otherwise; answers the response.</summary>
    public static async Task<HttpResponseMessage> AssertSuccessAsync(this HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            var request = response.RequestMessage;
            Assert.Fail($"{request?.Method} {request?.RequestUri?.PathAndQuery} answered {(int)response.StatusCode} {response.StatusCode}: "
                + await response.Content.ReadAsStringAsync());
        }

        return response;
    }

    /// <inheritdoc cref="AssertSuccessAsync(HttpResponseMessage)"/>
    public static async Task<HttpResponseMessage> AssertSuccessAsync(this Task<HttpResponseMessage> sending) =>
        await (await sending).AssertSuccessAsync();

    /// <summary>Asserts a 2xx (showing the body otherwise) and answers the JSON body.</summary>
    public static async Task<JsonElement> SuccessBodyAsync(this Task<HttpResponseMessage> sending)
    {
        using var response = await sending.AssertSuccessAsync();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
