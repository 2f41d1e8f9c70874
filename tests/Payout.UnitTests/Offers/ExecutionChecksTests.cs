using CsCheck;
using Payout.Api.Domain;
using Payout.Api.Domain.Errors;
using Payout.Api.Domain.Payouts;
using Payout.Api.Domain.Pricing;

namespace Payout.UnitTests.Offers;

public sealed class ExecutionChecksTests
{
    private static readonly ErrorCode[] SpecOrder =
    [
        ErrorCode.KYC_LEVEL_TOO_LOW, ErrorCode.OFFER_EXPIRED, ErrorCode.CARD_NOT_APPROVED, ErrorCode.CARD_EXPIRED,
        ErrorCode.BILLING_ADDRESS_REQUIRED, ErrorCode.AMOUNT_BELOW_MINIMUM, ErrorCode.AMOUNT_ABOVE_MAXIMUM,
        ErrorCode.INSUFFICIENT_FUNDS, ErrorCode.LIMIT_EXCEEDED,
    ];

    // Every check passes, each at its edge: amount equals the minimum, balance equals the debit, limit equals the amount.
    private static readonly ExecutionFacts Passing = new(
        KycLevel: KycLevel.KYC_1,
        OfferExpired: false,
        CardApproved: true,
        CardExpired: false,
        HasBillingAddress: true,
        Amount: 27.7284827m,
        Bounds: new CryptoBounds(27.7284827m, 2_772.84826974m),
        Balance: 31.2m,
        TotalDebited: 31.2m,
        AmountToEur: 25m,
        RemainingLimitEur: 25m);

    [Fact]
    public void Nothing_fails_at_the_edges_so_the_offer_can_be_executed()
    {
        Assert.Empty(ExecutionChecks.FailingReasons(Passing));
        Assert.True(ExecutionChecks.PossibleToExecute(Passing));
        Assert.Empty(ExecutionChecks.FailingReasons(Passing with { Amount = 2_772.84826974m }));
    }

    public static TheoryData<ErrorCode, ExecutionFacts> SingleFailures => new()
    {
        { ErrorCode.KYC_LEVEL_TOO_LOW, Passing with { KycLevel = KycLevel.KYC_0 } },
        { ErrorCode.KYC_LEVEL_TOO_LOW, Passing with { KycLevel = KycLevel.NONE } },
        { ErrorCode.OFFER_EXPIRED, Passing with { OfferExpired = true } },
        { ErrorCode.CARD_NOT_APPROVED, Passing with { CardApproved = false } },
        { ErrorCode.CARD_EXPIRED, Passing with { CardExpired = true } },
        { ErrorCode.BILLING_ADDRESS_REQUIRED, Passing with { HasBillingAddress = false } },
        { ErrorCode.AMOUNT_BELOW_MINIMUM, Passing with { Amount = 27.72848269m, TotalDebited = 31m } },
        { ErrorCode.AMOUNT_ABOVE_MAXIMUM, Passing with { Amount = 2_772.84826975m } },
        { ErrorCode.INSUFFICIENT_FUNDS, Passing with { TotalDebited = 31.20000001m } },
        { ErrorCode.LIMIT_EXCEEDED, Passing with { AmountToEur = 25.01m } },
    };

    [Theory]
    [MemberData(nameof(SingleFailures))]
    public void One_broken_fact_gives_exactly_its_reason(ErrorCode expected, ExecutionFacts facts)
    {
        Assert.Equal([expected], ExecutionChecks.FailingReasons(facts));
        Assert.False(ExecutionChecks.PossibleToExecute(facts));
    }

    [Fact]
    public void Kyc_levels_above_the_minimum_may_execute()
    {
        Assert.Empty(ExecutionChecks.FailingReasons(Passing with { KycLevel = KycLevel.KYC_2 }));
        Assert.Empty(ExecutionChecks.FailingReasons(Passing with { KycLevel = KycLevel.KYC_3 }));
    }

    [Fact]
    public void Everything_failing_is_listed_in_the_order_of_the_spec()
    {
        var facts = Passing with
        {
            KycLevel = KycLevel.KYC_0,
            OfferExpired = true,
            CardApproved = false,
            CardExpired = true,
            HasBillingAddress = false,
            // Empty bounds (min above max): an amount can be under the one and over the other.
            Bounds = new CryptoBounds(30m, 20m),
            Amount = 25m,
            Balance = 0m,
            AmountToEur = 1m,
            RemainingLimitEur = 0m,
        };

        Assert.Equal(SpecOrder, ExecutionChecks.FailingReasons(facts));
    }

    [Fact]
    public void The_declared_codes_are_every_check_in_its_order_with_the_float_last()
    {
        var everything = Passing with
        {
            KycLevel = KycLevel.NONE, OfferExpired = true, CardApproved = false, CardExpired = true, HasBillingAddress = false,
            Bounds = new CryptoBounds(30m, 20m), Amount = 25m, Balance = 0m, AmountToEur = 1m, RemainingLimitEur = 0m, FloatCovers = false,
        };

        Assert.Equal(ExecutionChecks.Codes, ExecutionChecks.FailingReasons(everything));
        Assert.Equal([.. SpecOrder, ErrorCode.NETWORK_FLOAT_LOW], ExecutionChecks.Codes);
    }

    [Fact]
    public void Reasons_always_follow_the_spec_order_and_match_their_facts() =>
        Gen.Select(
                Gen.Enum<KycLevel>(),
                Gen.Bool.Array[4],
                Gen.Int[0, 100].Select(c => c / 10m),
                Gen.Int[0, 100].Select(c => c / 10m),
                Gen.Int[0, 100].Select(c => c / 10m),
                Gen.Int[0, 100].Select(c => c / 10m))
            .Sample((level, flags, amount, balance, amountToEur, remaining) =>
            {
                var facts = new ExecutionFacts(
                    level, flags[0], flags[1], flags[2], flags[3], amount, new CryptoBounds(2m, 8m), balance, amount + 0.5m, amountToEur, remaining);

                var reasons = ExecutionChecks.FailingReasons(facts);

                Assert.Equal(SpecOrder.Where(reasons.Contains), reasons);
                Assert.Equal(level < KycLevel.KYC_1, reasons.Contains(ErrorCode.KYC_LEVEL_TOO_LOW));
                Assert.Equal(amount < 2m, reasons.Contains(ErrorCode.AMOUNT_BELOW_MINIMUM));
                Assert.Equal(amount > 8m, reasons.Contains(ErrorCode.AMOUNT_ABOVE_MAXIMUM));
                Assert.Equal(balance < amount + 0.5m, reasons.Contains(ErrorCode.INSUFFICIENT_FUNDS));
                Assert.Equal(amountToEur > remaining, reasons.Contains(ErrorCode.LIMIT_EXCEEDED));
                Assert.Equal(reasons.Count == 0, ExecutionChecks.PossibleToExecute(facts));
            });
}
