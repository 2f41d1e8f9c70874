using Payout.Api.Domain;
using Payout.Api.Domain.Errors;
using Payout.Api.Domain.Money;
using Payout.Api.Domain.Payouts;
using Payout.Api.Domain.Pricing;

namespace Payout.UnitTests.Payouts;

/// <summary>Every failed execute check says what clears it: a message, and the figure or instant that says it exactly.</summary>
public sealed class ExecutionRemediesTests
{
    private static readonly Currency Usdt = CurrencyCatalog.Default.Get("USDT");
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly RefusalFacts Refusal = new(Usdt, Now, LimitFitsAgainAt: null, FloatRetryAfter: TimeSpan.FromSeconds(60));

    private static readonly ExecutionFacts Facts = new(
        KycLevel: KycLevel.KYC_1,
        OfferExpired: false,
        CardApproved: true,
        CardExpired: false,
        HasBillingAddress: true,
        Amount: 100m,
        Bounds: new CryptoBounds(27.7284827m, 2_772.84826974m),
        Balance: 90.5m,
        TotalDebited: 106.27284827m,
        AmountToEur: 90.16m,
        RemainingLimitEur: 40.5m);

    [Fact]
    public void Every_check_is_explained_under_its_own_code()
    {
        foreach (var code in ExecutionChecks.Codes)
        {
            var failure = ExecutionRemedies.Explain(code, Facts, Refusal);
            Assert.Equal(code, failure.Code);
            Assert.False(string.IsNullOrWhiteSpace(failure.Message));
        }
    }

    [Fact]
    public void A_shortfall_is_what_the_balance_lacks_for_the_amount_and_fees_in_the_crypto()
    {
        var failure = ExecutionRemedies.Explain(ErrorCode.INSUFFICIENT_FUNDS, Facts, Refusal);

        Assert.Equal(new Remedy { Needed = 15.77284827m, Currency = "USDT" }, failure.Remedy);
        Assert.Contains("15.77284827 USDT", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_bounds_name_the_minimum_and_the_maximum_in_the_crypto()
    {
        Assert.Equal(new Remedy { Bound = 27.7284827m, Currency = "USDT" },
            ExecutionRemedies.Explain(ErrorCode.AMOUNT_BELOW_MINIMUM, Facts, Refusal).Remedy);
        Assert.Equal(new Remedy { Bound = 2_772.84826974m, Currency = "USDT" },
            ExecutionRemedies.Explain(ErrorCode.AMOUNT_ABOVE_MAXIMUM, Facts, Refusal).Remedy);
    }

    [Fact]
    public void The_limit_says_what_is_allowed_now_and_when_enough_frees()
    {
        var frees = new DateTimeOffset(2026, 12, 1, 8, 30, 1, TimeSpan.Zero);

        var failure = ExecutionRemedies.Explain(ErrorCode.LIMIT_EXCEEDED, Facts, Refusal with { LimitFitsAgainAt = frees });

        Assert.Equal(new Remedy { Allowed = 40.5m, Currency = "EUR", RetryAfter = frees }, failure.Remedy);
        Assert.Contains("2026-12-01T08:30:01Z", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_payout_over_the_whole_limit_gets_no_instant_to_wait_for()
    {
        var failure = ExecutionRemedies.Explain(ErrorCode.LIMIT_EXCEEDED, Facts, Refusal);

        Assert.Equal(new Remedy { Allowed = 40.5m, Currency = "EUR" }, failure.Remedy);
        Assert.Contains("more than the whole limit", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Kyc_names_the_level_needed() =>
        Assert.Equal(new Remedy { KycLevel = KycLevel.KYC_1 }, ExecutionRemedies.Explain(ErrorCode.KYC_LEVEL_TOO_LOW, Facts, Refusal).Remedy);

    [Fact]
    public void A_short_float_says_when_to_try_again_as_an_instant_and_as_seconds_for_retry_after()
    {
        var failure = ExecutionRemedies.Explain(ErrorCode.NETWORK_FLOAT_LOW, Facts, Refusal);

        Assert.Equal(60, failure.RetryAfterSeconds);
        Assert.Equal(new Remedy { RetryAfter = Now.AddSeconds(60) }, failure.Remedy);
    }

    [Fact]
    public void An_expired_offer_is_cleared_by_a_new_quote_since_it_can_no_longer_be_updated()
    {
        var failure = ExecutionRemedies.Explain(ErrorCode.OFFER_EXPIRED, Facts, Refusal);

        Assert.Null(failure.Remedy);
        Assert.Contains("POST /v4/payout/offer", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ErrorCode.CARD_NOT_APPROVED)]
    [InlineData(ErrorCode.CARD_EXPIRED)]
    [InlineData(ErrorCode.BILLING_ADDRESS_REQUIRED)]
    public void Card_problems_are_cleared_by_what_the_message_says(ErrorCode code) =>
        Assert.Null(ExecutionRemedies.Explain(code, Facts, Refusal).Remedy);
}
