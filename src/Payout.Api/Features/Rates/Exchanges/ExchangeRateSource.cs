using System.Globalization;
using Microsoft.Extensions.Options;
using Payout.Api.Domain.Rates;

namespace Payout.Api.Features.Rates.Exchanges;

/// <summary>
/// <c>Rates:Source=Exchanges</c>: answers from the poller's latest observations, deciding the rate at the moment
/// it is asked (<see cref="MedianConsensus"/>), so an observation stops counting the second it is too old rather
/// than at the next poll. No I/O on the request path.
/// </summary>
public sealed class ExchangeRateSource(
    ExchangeObservations observations, IOptions<ExchangeRatesOptions> live, IOptions<RatesOptions> rates, TimeProvider clock)
    : IRateSource, IRateSourceDiagnostics
{
    public ConsensusRules Rules => new(rates.Value.MaxAge, live.Value.OutlierPercent, live.Value.MinAgreeingExchanges);

    public RateConsensus Decide(string from, string to, DateTimeOffset now) =>
        MedianConsensus.Decide(observations.Of(from, to), Rules, now);

    public ValueTask<MarketRate?> GetAsync(string from, string to, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var consensus = Decide(from, to, clock.GetUtcNow());
        return ValueTask.FromResult(consensus.IsAgreed ? new MarketRate(from, to, consensus.Value, consensus.ObservedAt) : null);
    }

    public DateTimeOffset? LastObservedAt(string from, string to) => observations.LastAgreedAt(from, to);

    public string? WhyUnavailable(string from, string to, DateTimeOffset now)
    {
        var consensus = Decide(from, to, now);
        var why = consensus.Outcome switch
        {
            ConsensusOutcome.Agreed => null,
            ConsensusOutcome.TooFewFresh => Invariant(
                $"fresh rates (at most {Rules.MaxAge.TotalSeconds:0} s old) from {consensus.Fresh.Count} exchange(s){Listed(consensus.Fresh)}; at least {Rules.MinAgreeing} must agree."),
            ConsensusOutcome.Disagreeing => Invariant(
                $"the exchanges disagree by more than {Rules.OutlierPercent} %{Listed(consensus.Fresh)}."),
        };
        return why is null || LastObservedAt(from, to) is not { } last
            ? why
            : why + Invariant($" The last agreed rate is {(now - last).TotalSeconds:0} s old.");
    }

    private static string Listed(IReadOnlyList<ExchangeObservation> observations) =>
        observations.Count == 0 ? "" : " (" + string.Join(", ", observations.Select(o => Invariant($"{o.Exchange} {o.Price}"))) + ")";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
