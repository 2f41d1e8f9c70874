using Payout.Api.Domain.Reconciliation;

namespace Payout.UnitTests.Reports;

/// <summary>The matching rule of reconciliation: a payment and a settlement match when their UTC days are at most one apart.</summary>
public sealed class SettlementMatchingTests
{
    private static readonly DateOnly Day = new(2026, 12, 1);
    private static readonly DateOnly Before = Day.AddDays(-1);
    private static readonly DateOnly After = Day.AddDays(1);

    [Fact]
    public void Payments_and_settlements_of_the_same_day_with_the_same_amounts_match()
    {
        var differences = SettlementMatching.Compare(Day,
            [Paid(Day, 1, 90m), Paid(Day, 2, 12.3m, "USD")],
            [Settled(1, 90.00m, Day), Settled(2, 12.30m, Day, "USD")]);

        Assert.Empty(differences);
    }

    [Fact]
    public void A_payment_we_never_settled_is_paid_not_settled()
    {
        var differences = SettlementMatching.Compare(Day, [Paid(Day, 7, 45m)], []);

        Assert.Equal([new SettlementDifference(DifferenceKind.PAID_NOT_SETTLED, 7, 45m, null, "EUR")], differences);
    }

    [Fact]
    public void A_payment_that_names_no_payout_of_ours_is_paid_not_settled_without_an_operation()
    {
        var differences = SettlementMatching.Compare(Day, [new NetworkPayment(Day, null, 10m, "EUR", Noon(Day))], []);

        Assert.Equal([new SettlementDifference(DifferenceKind.PAID_NOT_SETTLED, null, 10m, null, "EUR")], differences);
    }

    [Fact]
    public void A_settlement_no_file_around_it_pays_is_settled_not_paid()
    {
        var differences = SettlementMatching.Compare(Day, [], [Settled(3, 90m, Day)]);

        Assert.Equal([new SettlementDifference(DifferenceKind.SETTLED_NOT_PAID, 3, null, 90m, "EUR")], differences);
    }

    [Fact]
    public void Different_amounts_or_currencies_are_an_amount_mismatch_in_our_currency()
    {
        var differences = SettlementMatching.Compare(Day,
            [Paid(Day, 1, 90.01m), Paid(Day, 2, 50m, "USD")],
            [Settled(1, 90m, Day), Settled(2, 50m, Day, "EUR")]);

        Assert.Equal(
            [
                new SettlementDifference(DifferenceKind.AMOUNT_MISMATCH, 1, 90.01m, 90m, "EUR"),
                new SettlementDifference(DifferenceKind.AMOUNT_MISMATCH, 2, 50m, 50m, "EUR"),
            ],
            differences);
    }

    [Fact]
    public void A_payment_before_midnight_matches_a_settlement_after_it_on_both_days()
    {
        NetworkPayment[] payments = [Paid(Day, 1, 90m)];
        SettledPayout[] settled = [Settled(1, 90m, After)];

        Assert.Empty(SettlementMatching.Compare(Day, payments, settled));
        Assert.Empty(SettlementMatching.Compare(After, payments, settled));
    }

    [Fact]
    public void A_settlement_before_midnight_matches_a_payment_after_it_on_both_days()
    {
        NetworkPayment[] payments = [Paid(After, 1, 90m)];
        SettledPayout[] settled = [Settled(1, 90m, Day)];

        Assert.Empty(SettlementMatching.Compare(Day, payments, settled));
        Assert.Empty(SettlementMatching.Compare(After, payments, settled));
    }

    [Fact]
    public void Days_two_apart_do_not_match_and_each_side_is_listed_on_its_own_day()
    {
        NetworkPayment[] payments = [Paid(Before, 1, 90m)];
        SettledPayout[] settled = [Settled(1, 90m, After)];

        Assert.Equal([DifferenceKind.PAID_NOT_SETTLED], SettlementMatching.Compare(Before, payments, settled).Select(d => d.Kind));
        Assert.Empty(SettlementMatching.Compare(Day, payments, settled));
        Assert.Equal([DifferenceKind.SETTLED_NOT_PAID], SettlementMatching.Compare(After, payments, settled).Select(d => d.Kind));
    }

    [Fact]
    public void Neighbour_days_are_reported_on_their_own_day_not_on_this_one()
    {
        var differences = SettlementMatching.Compare(Day,
            [Paid(Before, 1, 10m), Paid(After, 2, 20m)],
            [Settled(3, 30m, Before), Settled(4, 40m, After)]);

        Assert.Empty(differences);
    }

    [Fact]
    public void A_second_payment_of_one_payout_is_paid_not_settled()
    {
        var differences = SettlementMatching.Compare(Day,
            [Paid(Day, 1, 90m, paidAt: Noon(Day)), Paid(Day, 1, 90m, paidAt: Noon(Day).AddHours(1))],
            [Settled(1, 90m, Day)]);

        Assert.Equal([new SettlementDifference(DifferenceKind.PAID_NOT_SETTLED, 1, 90m, null, "EUR")], differences);
    }

    [Fact]
    public void A_payment_repeated_the_next_day_is_paid_not_settled_on_that_day_only()
    {
        NetworkPayment[] payments = [Paid(Day, 1, 90m), Paid(After, 1, 90m)];
        SettledPayout[] settled = [Settled(1, 90m, Day)];

        Assert.Empty(SettlementMatching.Compare(Day, payments, settled));
        Assert.Equal([DifferenceKind.PAID_NOT_SETTLED], SettlementMatching.Compare(After, payments, settled).Select(d => d.Kind));
    }

    [Fact]
    public void Differences_are_ordered_by_operation_then_kind_with_foreign_payments_last()
    {
        var differences = SettlementMatching.Compare(Day,
            [new NetworkPayment(Day, null, 1m, "EUR", Noon(Day)), Paid(Day, 9, 1m), Paid(Day, 2, 5m)],
            [Settled(5, 1m, Day), Settled(2, 4m, Day)]);

        Assert.Equal(
            [(2L, DifferenceKind.AMOUNT_MISMATCH), (5L, DifferenceKind.SETTLED_NOT_PAID), (9L, DifferenceKind.PAID_NOT_SETTLED), ((long?)null, DifferenceKind.PAID_NOT_SETTLED)],
            differences.Select(d => (d.OperationId, d.Kind)));
    }

    private static NetworkPayment Paid(DateOnly fileDay, long operationId, decimal amount, string currency = "EUR", DateTimeOffset? paidAt = null) =>
        new(fileDay, operationId, amount, currency, paidAt ?? Noon(fileDay));

    private static SettledPayout Settled(long operationId, decimal amount, DateOnly day, string currency = "EUR") =>
        new(operationId, amount, currency, day);

    private static DateTimeOffset Noon(DateOnly day) => new(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
}
