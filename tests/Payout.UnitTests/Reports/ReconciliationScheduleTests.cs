using Microsoft.Extensions.Options;
using Payout.Api.Domain.Reconciliation;
using Payout.Api.Features.Reconciliation;
using Payout.UnitTests.Support;

namespace Payout.UnitTests.Reports;

public sealed class ReconciliationScheduleTests
{
    private static readonly TimeSpan HalfAnHour = TimeSpan.FromMinutes(30);

    [Fact]
    public void Yesterday_is_due_once_the_wait_after_midnight_has_passed()
    {
        var at = new DateTimeOffset(2026, 12, 2, 0, 30, 0, TimeSpan.Zero);

        Assert.Equal([new DateOnly(2026, 11, 30)], ReconciliationSchedule.DueDays(at.AddTicks(-1), HalfAnHour, catchUpDays: 1));
        Assert.Equal([new DateOnly(2026, 12, 1)], ReconciliationSchedule.DueDays(at, HalfAnHour, catchUpDays: 1));
    }

    [Fact]
    public void Catching_up_lists_the_last_due_days_oldest_first()
    {
        var at = new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);

        Assert.Equal(
            [new DateOnly(2026, 11, 29), new DateOnly(2026, 11, 30), new DateOnly(2026, 12, 1)],
            ReconciliationSchedule.DueDays(at, HalfAnHour, catchUpDays: 3));
    }

    [Fact]
    public void Defaults_are_valid_and_wait_half_an_hour_after_midnight()
    {
        var options = new ReconciliationOptions();

        Assert.Empty(options.Validate());
        Assert.Equal((true, HalfAnHour, 7), (options.Enabled, options.RunAfter, options.CatchUpDays));
    }

    [Theory]
    [InlineData(nameof(ReconciliationOptions.RunAfterMinutes), "-1")]
    [InlineData(nameof(ReconciliationOptions.RunAfterMinutes), "1441")]
    [InlineData(nameof(ReconciliationOptions.PollSeconds), "0")]
    [InlineData(nameof(ReconciliationOptions.CatchUpDays), "0")]
    [InlineData(nameof(ReconciliationOptions.LeaseSeconds), "5")]
    public void A_setting_out_of_range_stops_the_start(string name, string value)
    {
        var failure = Assert.Throws<OptionsValidationException>(() =>
            OptionsBinding.Bind<ReconciliationOptions>(ReconciliationOptions.SectionName, new() { [$"Reconciliation:{name}"] = value }));

        Assert.Contains(failure.Failures, f => f.Contains($"Reconciliation:{name}", StringComparison.Ordinal));
    }
}
