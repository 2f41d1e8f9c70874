using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Payout.Api.Domain.Cards;
using Payout.Api.Domain.Ledger;
using Payout.Api.Features.Cards;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Payout.Api.Features.Payouts.Network;

/// <summary>
/// The client of the payout network's HTTP protocol (described in src/Payout.Sandbox/README.md; the sandbox is one
/// server of it, embedded or separate, and a processor in front of Visa Direct or Mastercard Send would be another).
/// Payouts and card eligibility both go through it. Transport failures become <see cref="NetworkOutcome.NoAnswer"/>,
/// never exceptions: the caller decides what "no answer" means. Retries of refused requests are the resilience
/// pipeline's (NetworkSetup); a timed-out send is not retried here — the dispatcher asks for the status first.
/// </summary>
public sealed class HttpPayoutNetwork(HttpClient http, NetworkAddress address, ILogger<HttpPayoutNetwork> logger)
    : IPayoutNetwork, ICardEligibility
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.Strict,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string PayoutIdOf(long operationId) => "op-" + operationId.ToString(CultureInfo.InvariantCulture);

    public async Task<NetworkAnswer> SendAsync(PayoutInstruction instruction, CancellationToken cancellationToken)
    {
        var payoutId = PayoutIdOf(instruction.OperationId);
        using var request = new HttpRequestMessage(HttpMethod.Post, address.Network("v1/payouts"))
        {
            Content = JsonContent.Create(
                new CreatePayout(payoutId, instruction.Card.RevealDigits(), instruction.Amount, instruction.Currency, address.Callback()), options: Json),
        };
        request.Headers.Add("Idempotency-Key", payoutId);
        return await AskAsync(request, payoutId, new FiatLeg(instruction.Currency, instruction.Amount), cancellationToken);
    }

    public async Task<NetworkAnswer> GetStatusAsync(long operationId, FiatLeg expected, CancellationToken cancellationToken)
    {
        var payoutId = PayoutIdOf(operationId);
        using var request = new HttpRequestMessage(HttpMethod.Get, address.Network($"v1/payouts/{payoutId}"));
        return await AskAsync(request, payoutId, expected, cancellationToken);
    }

    /// <summary>Eligibility at card time; without an answer the card stays PENDING rather than approved or declined.</summary>
    public async Task<CardValidationStatus> CheckAsync(CardNumber number, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.PostAsJsonAsync(address.Network("v1/eligibility"), new EligibilityRequest(number.RevealDigits()), Json, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return CardValidationStatus.PENDING;
            }

            var answer = await ReadAsync<EligibilityAnswer>(response, cancellationToken);
            return answer?.Eligible == true ? CardValidationStatus.APPROVED : CardValidationStatus.DECLINED;
        }
        catch (Exception e) when (IsTransport(e, cancellationToken))
        {
            logger.LogWarning("Eligibility check for card {Card} got no answer: {Error}", number, e.GetType().Name);
            return CardValidationStatus.PENDING;
        }
    }

    /// <summary>
    /// The network's answer, believed only when it is about the payout we asked for (and, when it names them, the amount
    /// and currency we asked it to pay). Anything else — an unknown status, another payout, other money — changes nothing: it is
    /// logged and counts as no answer, so the payout stays PENDING until a readable answer comes (or is listed as stuck).
    /// </summary>
    private NetworkAnswer Read(NetworkPayout? payout, string payoutId, FiatLeg expected)
    {
        if (payout is null || payout.PayoutId != payoutId
            || (payout.Amount is { } amount && amount != expected.Amount)
            || (payout.Currency is { } currency && currency != expected.Currency))
        {
            logger.LogWarning("The network's answer for {PayoutId} contradicts the payout asked about; ignored", payoutId);
            return new NetworkAnswer(NetworkOutcome.NoAnswer, "contradictory answer");
        }

        switch (payout.Status)
        {
            case "PAID":
                return new NetworkAnswer(NetworkOutcome.Paid);
            case "PENDING":
                return new NetworkAnswer(NetworkOutcome.Pending);
            case "DECLINED":
                return NetworkAnswer.Declined(payout.DeclineReason);
            default:
                logger.LogWarning("The network answered an unknown status for {PayoutId}; ignored", payoutId);
                return new NetworkAnswer(NetworkOutcome.NoAnswer, "unreadable answer");
        }
    }

    private async Task<NetworkAnswer> AskAsync(HttpRequestMessage request, string payoutId, FiatLeg expected, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound && request.Method == HttpMethod.Get)
            {
                return new NetworkAnswer(NetworkOutcome.NotFound);
            }

            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("Network answered {Status} for {PayoutId}", (int)response.StatusCode, payoutId);
                return new NetworkAnswer(NetworkOutcome.NoAnswer, $"HTTP {(int)response.StatusCode}");
            }

            var payout = await ReadAsync<NetworkPayout>(response, cancellationToken);
            return Read(payout, payoutId, expected);
        }
        catch (BrokenCircuitException e) when (!cancellationToken.IsCancellationRequested)
        {
            return NetworkAnswer.NotAsked(e.GetType().Name);
        }
        catch (Exception e) when (IsTransport(e, cancellationToken))
        {
            logger.LogWarning("No answer from the network for {PayoutId}: {Error}", payoutId, e.GetType().Name);
            return new NetworkAnswer(NetworkOutcome.NoAnswer, e.GetType().Name);
        }
    }

    /// <summary>
    /// The answer's JSON, read to at most <see cref="NetworkSetup.MaxAnswerBytes"/> whatever the content claims: an answer
    /// is a few hundred bytes, and a huge one must not fill our memory. Too large is <see cref="InvalidDataException"/>.
    /// </summary>
    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[NetworkSetup.MaxAnswerBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        return length > NetworkSetup.MaxAnswerBytes
            ? throw new InvalidDataException($"The network's answer is larger than {NetworkSetup.MaxAnswerBytes} bytes.")
            : JsonSerializer.Deserialize<T>(buffer.AsSpan(0, length), Json);
    }

    /// <summary>Timeouts, refused connections, an open circuit, garbage or an oversized answer — but not our own shutdown.</summary>
    private static bool IsTransport(Exception e, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested
        && e is HttpRequestException or OperationCanceledException or TimeoutException or JsonException or InvalidDataException
            or TimeoutRejectedException or BrokenCircuitException;

    private sealed record CreatePayout(string PayoutId, string CardNumber, decimal Amount, string Currency, Uri? CallbackUrl)
    {
        public override string ToString() => $"CreatePayout {{ PayoutId = {PayoutId}, CardNumber = *** }}";
    }

    private sealed record EligibilityRequest(string CardNumber)
    {
        public override string ToString() => "EligibilityRequest { CardNumber = *** }";
    }

    private sealed record EligibilityAnswer(bool Eligible, string? Reason);

    private sealed record NetworkPayout(string? PayoutId, string? Status, string? DeclineReason, decimal? Amount, string? Currency);
}
