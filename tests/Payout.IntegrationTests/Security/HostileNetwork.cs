using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Payout.IntegrationTests.Security;

/// <summary>
/// A payout network that answers some payouts with garbage: for a card number a test names, every answer about that
/// card's payout (the send and each later status query) is the test's answer; everything else reaches the sandbox.
/// It sits between our network client's resilience pipeline and the wire, where the network's answers come in.
/// </summary>
public sealed class HostileNetwork
{
    private readonly ConcurrentDictionary<string, Func<string, HttpResponseMessage>> byCard = new();
    private readonly ConcurrentDictionary<string, Func<string, HttpResponseMessage>> byPayout = new();
    private readonly ConcurrentDictionary<string, int> asked = new();

    /// <summary>Every answer about a payout to <paramref name="cardNumber"/> comes from <paramref name="answer"/> (given the payout id).</summary>
    public void Answer(string cardNumber, Func<string, HttpResponseMessage> answer) => byCard[cardNumber] = answer;

    /// <summary>How many times our client asked about the payout (sends and status queries).</summary>
    public int TimesAsked(string payoutId) => asked.GetValueOrDefault(payoutId);

    public DelegatingHandler NewHandler() => new Handler(this);

    public static HttpResponseMessage Json(string json) =>
        new(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private sealed class Handler(HostileNetwork network) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            if (request.Method == HttpMethod.Post && path.EndsWith("/v1/payouts", StringComparison.Ordinal))
            {
                var sent = JsonDocument.Parse(await request.Content!.ReadAsStringAsync(cancellationToken)).RootElement;
                var payoutId = sent.GetProperty("payoutId").GetString()!;
                if (network.byCard.TryGetValue(sent.GetProperty("cardNumber").GetString()!, out var answer))
                {
                    network.byPayout[payoutId] = answer;
                    return Asked(payoutId, answer);
                }
            }
            else if (request.Method == HttpMethod.Get && path.Contains("/v1/payouts/", StringComparison.Ordinal)
                && network.byPayout.TryGetValue(path.Split('/')[^1], out var answer))
            {
                return Asked(path.Split('/')[^1], answer);
            }

            return await base.SendAsync(request, cancellationToken);
        }

        private HttpResponseMessage Asked(string payoutId, Func<string, HttpResponseMessage> answer)
        {
            network.asked.AddOrUpdate(payoutId, 1, (_, n) => n + 1);
            return answer(payoutId);
        }
    }
}
