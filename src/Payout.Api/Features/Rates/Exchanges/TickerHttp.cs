using System.Globalization;
using System.Net;
using System.Text.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Payout.Api.Features.Rates.Exchanges;

/// <summary>
/// What every ticker request shares: one GET through the exchange's resilience pipeline, every way it can fail
/// turned into a <see cref="TickerAnswer"/>, and strict reading of prices (decimal from the JSON string, never
/// through double). Each exchange only says how its own JSON reads (<c>interpret</c>).
/// </summary>
public static class TickerHttp
{
    /// <summary>A ticker is a few hundred bytes; anything far bigger is not one (HttpClient refuses it).</summary>
    public const int MaxAnswerBytes = 64 * 1024;

    /// <summary>Default options: property names case-sensitive, numbers never read from strings or vice versa.</summary>
    public static readonly JsonSerializerOptions Json = new();

    public static string ClientName(string exchange) => "rates-" + exchange;

    public static async Task<TickerAnswer> GetAsync(
        HttpClient http, string relativeUrl, Func<HttpStatusCode, string, TickerAnswer> interpret, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(relativeUrl, UriKind.Relative), cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return IsRateLimit(response.StatusCode)
                ? TickerAnswer.Failed(TickerFailureKind.RateLimited, StatusText(response.StatusCode), RetryAfterOf(response))
                : interpret(response.StatusCode, body);
        }
        catch (TimeoutRejectedException)
        {
            return TickerAnswer.Failed(TickerFailureKind.Timeout, "no answer in time");
        }
        catch (BrokenCircuitException)
        {
            return TickerAnswer.Failed(TickerFailureKind.CircuitOpen, "circuit open after repeated failures");
        }
        catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConfigurationLimitExceeded)
        {
            return TickerAnswer.Failed(TickerFailureKind.Malformed, "answer larger than a ticker");
        }
        catch (HttpRequestException e)
        {
            return TickerAnswer.Failed(TickerFailureKind.Unreachable, e.HttpRequestError.ToString());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient.Timeout: the headers came in time but the body did not.
            return TickerAnswer.Failed(TickerFailureKind.Timeout, "answer body not complete in time");
        }
    }

    /// <summary>The body as <typeparamref name="T"/>, or null when it is not JSON of that shape.</summary>
    public static T? TryRead<T>(string body)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A non-success status whose body was not the exchange's own error: an HTTP failure.</summary>
    public static TickerAnswer? FailedStatus(HttpStatusCode status) =>
        (int)status is >= 200 and <= 299 ? null : TickerAnswer.Failed(TickerFailureKind.HttpStatus, StatusText(status));

    /// <summary>A price from its JSON string: plain decimal notation, greater than 0; anything else is malformed.</summary>
    public static TickerAnswer Price(string? text, DateTimeOffset? exchangeTime) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var price) && price > 0
            ? TickerAnswer.Quoted(price, exchangeTime)
            : TickerAnswer.Failed(TickerFailureKind.Malformed, "no positive decimal price");

    public static TickerAnswer Malformed(string detail) => TickerAnswer.Failed(TickerFailureKind.Malformed, detail);

    /// <summary>418 is Binance's "banned for ignoring 429s"; both carry Retry-After.</summary>
    private static bool IsRateLimit(HttpStatusCode status) => status is HttpStatusCode.TooManyRequests or (HttpStatusCode)418;

    private static string StatusText(HttpStatusCode status) => string.Create(CultureInfo.InvariantCulture, $"HTTP {(int)status}");

    /// <summary>Retry-After as seconds, or as a date measured against the answer's own Date (no clock of ours involved).</summary>
    private static TimeSpan? RetryAfterOf(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } until } when response.Headers.Date is { } sent => until - sent,
        _ => null,
    };
}
