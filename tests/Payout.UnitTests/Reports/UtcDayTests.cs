using Payout.Api.Domain.Reports;

namespace Payout.UnitTests.Reports;

public sealed class UtcDayTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    [Theory]
    [InlineData("2026-12-01")]
    [InlineData("2026-02-28")]
    [InlineData("2024-02-29")]
    [InlineData("2000-01-01")]
    public void A_day_written_yyyy_MM_dd_up_to_today_is_read(string text)
    {
        Assert.True(UtcDay.TryParse(text, Today, out var day));
        Assert.Equal(text, UtcDay.Text(day));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2026-12-02")]
    [InlineData("1999-12-31")]
    [InlineData("2026-02-29")]
    [InlineData("2026-1-01")]
    [InlineData("2026-12-01T00:00:00Z")]
    [InlineData(" 2026-12-01")]
    [InlineData("01.12.2026")]
    public void Anything_else_is_refused(string? text) =>
        Assert.False(UtcDay.TryParse(text, Today, out _));

    [Fact]
    public void A_day_runs_from_its_midnight_to_the_next_in_utc()
    {
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), UtcDay.Start(Today));
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 0, 0, 0, TimeSpan.Zero), UtcDay.End(Today));
        Assert.Equal(Today, UtcDay.Of(new DateTimeOffset(2026, 12, 2, 0, 59, 59, TimeSpan.FromHours(1))));
    }
}
