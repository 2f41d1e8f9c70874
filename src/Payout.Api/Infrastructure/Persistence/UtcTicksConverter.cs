using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Payout.Api.Infrastructure.Persistence;

/// <summary>DateTimeOffset ↔ UTC ticks: sortable and comparable in SQLite, which has no instant type.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.UtcTicks,
    ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
